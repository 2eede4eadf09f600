import { UndoOutlined } from "@ant-design/icons";
import { Button, Collapse, List, Typography } from "antd";
import type { DraftField } from "../designerDoc";
import { useFormDesignerTexts } from "./useFormDesignerTexts";

/** 已删除字段: fields removed from this draft, each restorable until the draft is published. */
export function RemovedFields({ fields, onRestore }: { fields: readonly DraftField[]; onRestore(index: number): void }) {
  const { t, label } = useFormDesignerTexts();
  if (fields.length === 0) return null;
  return (
    <Collapse
      size="small"
      items={[
        {
          key: "removed",
          label: t("formDesigner.removed.title", { count: fields.length }),
          children: (
            <>
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                {t("formDesigner.removed.hint")}
              </Typography.Paragraph>
              <List
                size="small"
                dataSource={fields.map((field, index) => ({ field, index }))}
                renderItem={({ field, index }) => (
                  <List.Item
                    actions={[
                      <Button
                        key="restore"
                        size="small"
                        icon={<UndoOutlined />}
                        onClick={() => onRestore(index)}
                        aria-label={`${t("formDesigner.removed.restore")} ${label(field)}`}
                      >
                        {t("formDesigner.removed.restore")}
                      </Button>,
                    ]}
                  >
                    <Typography.Text delete>{label(field) || field.key}</Typography.Text>
                  </List.Item>
                )}
              />
            </>
          ),
        },
      ]}
    />
  );
}
