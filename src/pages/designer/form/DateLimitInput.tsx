import { Select, Space } from "antd";
import { AnswerValueInput } from "./AnswerValueInput";
import { useFormDesignerTexts } from "./useFormDesignerTexts";

interface DateLimitInputProps {
  id: string;
  /** "today", a YYYY-MM-DD date, or nothing */
  value: string | undefined;
  onChange(value: string | undefined): void;
}

const dateField = { key: "limit", label: "", type: "date" };

/** A date field's earliest / latest date: none, today (e.g. 退役时间 not in the future), or a date. */
export function DateLimitInput({ id, value, onChange }: DateLimitInputProps) {
  const { t } = useFormDesignerTexts();
  const mode = value === undefined ? "none" : value === "today" ? "today" : "fixed";
  return (
    <Space wrap>
      <Select
        id={id}
        value={mode}
        style={{ minWidth: 120 }}
        onChange={(next: string) => onChange(next === "today" ? "today" : undefined)}
        options={[
          { value: "none", label: t("formDesigner.common.defaultNone") },
          { value: "today", label: t("formDesigner.option.dateToday") },
          { value: "fixed", label: t("formDesigner.option.dateFixed"), disabled: true },
        ]}
      />
      <AnswerValueInput
        field={dateField}
        value={mode === "fixed" ? value : undefined}
        onChange={(next) => onChange(typeof next === "string" ? next : undefined)}
      />
    </Space>
  );
}
