import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Form, Space } from "antd";
import { keyFromLabel } from "../keyFromLabel";
import { CommitInput } from "./CommitInput";
import { useWorkflowLabels } from "./useWorkflowLabels";
import type { DraftChecklistItem } from "./workflowTypes";

type Props = {
  items: readonly DraftChecklistItem[];
  onChange: (items: DraftChecklistItem[]) => void;
};

/** 原件核验清单: the originals the person taking the transition confirms they checked (身份证原件 …). */
export function ChecklistEditor({ items, onChange }: Props) {
  const { t } = useWorkflowLabels([]);
  const setItem = (index: number, item: DraftChecklistItem) => onChange(items.map((it, i) => (i === index ? item : it)));
  const placeholder = (n: number) => `${t("workflowDesigner.checklistItem")} ${n}`;
  const keyFor = (label: string, index: number) =>
    keyFromLabel(
      label,
      items.filter((_, i) => i !== index).map((item) => item.key),
      "item",
    );
  const add = () => onChange([...items, { key: keyFor(placeholder(items.length + 1), items.length), label: placeholder(items.length + 1) }]);
  // an item added a moment ago still has its placeholder's key: naming it gives it its own key
  // (身份证原件 → shen_fen_zheng_yuan_jian); a named item keeps its key, which events record
  const rename = (index: number, item: DraftChecklistItem, label: string) => {
    const fresh = item.label === placeholder(index + 1) && item.key === keyFor(item.label, index);
    setItem(index, { ...item, label, ...(fresh ? { key: keyFor(label, index) } : {}) });
  };
  return (
    <Form.Item label={t("workflowDesigner.checklist")}>
      <Space direction="vertical" style={{ width: "100%" }}>
        {items.map((item, index) => (
          <Space.Compact key={index} style={{ width: "100%" }}>
            <CommitInput
              aria-label={`${t("workflowDesigner.checklistItem")} ${index + 1}`}
              value={item.label}
              onCommit={(label) => label && rename(index, item, label)}
            />
            <CommitInput
              aria-label={`${t("workflowDesigner.checklistItem")} ${index + 1} ${t("workflowDesigner.labelEn")}`}
              placeholder={t("workflowDesigner.labelEn")}
              value={item.label_en}
              onCommit={(labelEn) => setItem(index, labelEn ? { ...item, label_en: labelEn } : { key: item.key, label: item.label })}
            />
            <Button aria-label={t("workflowDesigner.removeItem")} icon={<DeleteOutlined />} onClick={() => onChange(items.filter((_, i) => i !== index))} />
          </Space.Compact>
        ))}
        <Button icon={<PlusOutlined />} onClick={add}>
          {t("workflowDesigner.addChecklistItem")}
        </Button>
      </Space>
    </Form.Item>
  );
}
