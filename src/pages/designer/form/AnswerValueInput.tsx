import { Input, InputNumber, Select } from "antd";
import { getFieldType, toSelectOptions, type ChoiceOption } from "@/field-types";
import { useFieldLoaders } from "@/views/hooks/useFieldLoaders";
import type { DraftField } from "../designerDoc";
import { useFormDesignerTexts } from "./useFormDesignerTexts";

interface AnswerValueInputProps {
  /** the field whose answers the value is compared with (or the default of) */
  field: DraftField;
  value: unknown;
  onChange(value: unknown): void;
  /** a list of answers (in / nin, a multiselect's default) */
  multiple?: boolean;
  id?: string;
  "aria-label"?: string;
}

/** Types whose own input edits a single answer well enough to pick a value with (a date, a unit, a person). */
const ownInputTypes = new Set(["date", "datetime", "org_unit", "user"]);

/**
 * A value as the field's answers are written: its options for a choice, 是/否, a number, the
 * type's own picker for dates, units and people, else text; several values as a list.
 */
export function AnswerValueInput({ field, value, onChange, multiple = false, id, "aria-label": ariaLabel }: AnswerValueInputProps) {
  const { t, language } = useFormDesignerTexts();
  const loaders = useFieldLoaders();
  const common = { id, "aria-label": ariaLabel, style: { minWidth: 160, width: "100%" } };
  const options = Array.isArray(field.options) ? (field.options as ChoiceOption[]) : null;
  if (options) {
    return (
      <Select
        {...common}
        mode={multiple ? "multiple" : undefined}
        value={value as string | string[] | undefined}
        onChange={onChange}
        options={toSelectOptions(options, language)}
      />
    );
  }
  if (field.type === "boolean") {
    const yesNo = [
      { value: "true", label: t("formDesigner.condition.yes") },
      { value: "false", label: t("formDesigner.condition.no") },
    ];
    const asText = (answer: unknown) => (typeof answer === "boolean" ? String(answer) : undefined);
    return multiple ? (
      <Select
        {...common}
        mode="multiple"
        value={Array.isArray(value) ? value.map(asText).filter((text): text is string => text !== undefined) : []}
        onChange={(texts: string[]) => onChange(texts.map((text) => text === "true"))}
        options={yesNo}
      />
    ) : (
      <Select {...common} value={asText(value)} onChange={(text: string) => onChange(text === "true")} options={yesNo} />
    );
  }
  if (multiple) {
    const list = Array.isArray(value) ? value.map(String) : [];
    const numeric = field.type === "number" || field.type === "money";
    return (
      <Select
        {...common}
        mode="tags"
        open={false}
        placeholder={t("formDesigner.option.tagsPlaceholder")}
        value={list}
        onChange={(texts: string[]) => onChange(numeric ? texts.map(Number).filter(Number.isFinite) : texts)}
      />
    );
  }
  if (field.type === "number" || field.type === "money") {
    return <InputNumber {...common} value={typeof value === "number" ? value : null} onChange={(number) => onChange(number ?? undefined)} />;
  }
  if (ownInputTypes.has(field.type)) {
    const { Input: TypeInput } = getFieldType("designer", field.key, field.type);
    return (
      <div style={{ minWidth: 160, width: "100%" }}>
        <TypeInput field={field} value={value ?? null} onChange={onChange} onBlur={() => undefined} id={id} language={language} loaders={loaders} />
      </div>
    );
  }
  return <Input {...common} value={typeof value === "string" ? value : ""} onChange={(event) => onChange(event.target.value)} />;
}
