import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Card, Collapse, Form, Input, Select, Space, Switch, Typography } from "antd";
import { fieldTypes, subTableColumnTypes } from "@/field-types";
import { keyFromLabel } from "../keyFromLabel";
import type { FieldProblem } from "./fieldErrors";
import { retypedField } from "./changeFieldType";
import { TypeOptionsEditor } from "./TypeOptionsEditor";
import { useFormDesignerTexts } from "./useFormDesignerTexts";

interface Column {
  key: string;
  label: string;
  label_en?: string;
  type: string;
  required?: boolean;
  [option: string]: unknown;
}

interface SubTableColumnsEditorProps {
  columns: readonly Column[];
  onChange(columns: Column[]): void;
  /** problems under `columns` (paths like `columns[1].options`) */
  problems: readonly FieldProblem[];
  /** a column key rows may already hold: it never follows the label again */
  frozenKey(key: string): boolean;
  idPrefix: string;
}

/** A sub-table's columns: name, type and required, and each column type's own options below. */
export function SubTableColumnsEditor({ columns, onChange, problems, frozenKey, idPrefix }: SubTableColumnsEditorProps) {
  const { t, language, problemText } = useFormDesignerTexts();
  const set = (index: number, column: Column) => onChange(columns.map((current, i) => (i === index ? column : current)));
  const others = (index: number) => columns.filter((_, i) => i !== index).map((column) => column.key);
  const rename = (index: number, label: string) => {
    const column = columns[index];
    const key = frozenKey(column.key) || label.trim() === "" ? column.key : keyFromLabel(label, others(index), "column");
    set(index, { ...column, label, key });
  };
  const relative = (index: number) =>
    problems
      .filter((problem) => problem.path.startsWith(`columns[${index}]`))
      .map((problem) => ({ ...problem, path: problem.path.slice(`columns[${index}]`.length).replace(/^\./, "") }));
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      {columns.map((column, index) => {
        const own = relative(index);
        const type = subTableColumnTypes.find((candidate) => candidate === column.type);
        return (
          <Card key={index} size="small">
            <Space wrap align="start">
              <Input
                aria-label={`${t("formDesigner.columns.label")} ${index + 1}`}
                value={column.label}
                status={own.some((problem) => problem.path === "label") ? "error" : undefined}
                onChange={(event) => rename(index, event.target.value)}
                style={{ width: 140 }}
              />
              <Input
                aria-label={`${t("formDesigner.columns.labelEn")} ${index + 1}`}
                placeholder={t("formDesigner.columns.labelEn")}
                value={column.label_en ?? ""}
                onChange={(event) => set(index, { ...column, label_en: event.target.value || undefined })}
                style={{ width: 120 }}
              />
              <Select
                aria-label={`${t("formDesigner.columns.type")} ${index + 1}`}
                value={column.type}
                onChange={(next: string) => set(index, { ...(retypedField(column, next) as Column), key: column.key })}
                style={{ width: 130 }}
                options={subTableColumnTypes.map((key) => ({ value: key, label: language === "en" ? fieldTypes[key].label.en : fieldTypes[key].label.zh }))}
              />
              <Space>
                {t("formDesigner.columns.required")}
                <Switch
                  aria-label={`${t("formDesigner.columns.required")} ${index + 1}`}
                  checked={column.required === true}
                  onChange={(checked) => set(index, { ...column, required: checked || undefined })}
                />
              </Space>
              <Button
                aria-label={`${t("formDesigner.columns.remove")} ${column.label}`}
                icon={<DeleteOutlined />}
                onClick={() => onChange(columns.filter((_, i) => i !== index))}
              />
            </Space>
            {type && (
              <Collapse
                ghost
                size="small"
                items={[
                  {
                    key: "more",
                    label: t("formDesigner.columns.more"),
                    children: (
                      <Form layout="vertical" component={false}>
                        <TypeOptionsEditor
                          target={column}
                          configSchema={fieldTypes[type].configSchema}
                          onChange={(next) => set(index, next)}
                          problems={own}
                          frozenValue={frozenKey}
                          idPrefix={`${idPrefix}-${index}`}
                        />
                      </Form>
                    ),
                  },
                ]}
              />
            )}
            {own.length > 0 && <Typography.Text type="danger">{problemText(own)}</Typography.Text>}
          </Card>
        );
      })}
      <Button
        icon={<PlusOutlined />}
        onClick={() => {
          const label = `${t("formDesigner.columns.newColumn")}${columns.length + 1}`;
          onChange([
            ...columns,
            {
              key: keyFromLabel(
                label,
                columns.map((column) => column.key),
                "column",
              ),
              label,
              type: "text",
            },
          ]);
        }}
      >
        {t("formDesigner.columns.add")}
      </Button>
    </Space>
  );
}
