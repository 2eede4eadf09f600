import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Input, Popover, Space, Tooltip, Typography } from "antd";
import { useState } from "react";
import type { ChoiceOption } from "@/field-types";
import { keyFromLabel } from "../keyFromLabel";
import { useFormDesignerTexts } from "./useFormDesignerTexts";

interface ChoiceOptionsEditorProps {
  options: readonly ChoiceOption[];
  onChange(options: ChoiceOption[]): void;
  /** a value records may already hold (the field is published) or the definition names: it never changes */
  frozen(value: string): boolean;
  /** names the inputs, e.g. the field's label */
  name: string;
}

const optionValue = (label: string, others: readonly ChoiceOption[]) =>
  keyFromLabel(
    label,
    others.map((option) => option.value),
    "option",
  );

/**
 * A choice's options: the admin types names (zh, en); the stored value is made from the name
 * (pinyin) and follows it until the field is published — records store the value, so renaming
 * an option of a published field changes its words only.
 */
export function ChoiceOptionsEditor({ options, onChange, frozen, name }: ChoiceOptionsEditorProps) {
  const { t } = useFormDesignerTexts();
  const [pasted, setPasted] = useState("");
  const set = (index: number, patch: Partial<ChoiceOption>) => onChange(options.map((option, i) => (i === index ? { ...option, ...patch } : option)));
  const rename = (index: number, label: string) => {
    const others = options.filter((_, i) => i !== index);
    set(index, frozen(options[index].value) || label.trim() === "" ? { label } : { label, value: optionValue(label, others) });
  };
  const add = (labels: string[]) => {
    const next = [...options];
    for (const label of labels) next.push({ value: optionValue(label, next), label });
    onChange(next);
  };
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      {options.map((option, index) => (
        <Space key={index} wrap>
          <Input
            aria-label={`${name} ${t("formDesigner.choices.label")} ${index + 1}`}
            value={option.label}
            onChange={(event) => rename(index, event.target.value)}
            style={{ width: 160 }}
          />
          <Input
            aria-label={`${name} ${t("formDesigner.choices.labelEn")} ${index + 1}`}
            placeholder={t("formDesigner.choices.labelEn")}
            value={option.label_en ?? ""}
            onChange={(event) => set(index, { label_en: event.target.value || undefined })}
            style={{ width: 140 }}
          />
          <Tooltip title={t("formDesigner.choices.valueHelp")}>
            <Typography.Text type="secondary" code>
              {option.value}
            </Typography.Text>
          </Tooltip>
          <Button
            aria-label={`${t("formDesigner.choices.remove")} ${option.label}`}
            icon={<DeleteOutlined />}
            onClick={() => onChange(options.filter((_, i) => i !== index))}
          />
        </Space>
      ))}
      <Space>
        <Button icon={<PlusOutlined />} onClick={() => add([`${t("formDesigner.choices.newOption")}${options.length + 1}`])}>
          {t("formDesigner.choices.add")}
        </Button>
        <Popover
          trigger="click"
          content={
            <Space direction="vertical">
              <Typography.Text type="secondary">{t("formDesigner.choices.pasteHint")}</Typography.Text>
              <Input.TextArea aria-label={t("formDesigner.choices.pasteHint")} rows={6} value={pasted} onChange={(event) => setPasted(event.target.value)} />
              <Button
                type="primary"
                onClick={() => {
                  add(
                    pasted
                      .split(/\r?\n/)
                      .map((line) => line.trim())
                      .filter(Boolean),
                  );
                  setPasted("");
                }}
              >
                {t("formDesigner.choices.pasteApply")}
              </Button>
            </Space>
          }
        >
          <Button>{t("formDesigner.choices.paste")}</Button>
        </Popover>
      </Space>
    </Space>
  );
}
