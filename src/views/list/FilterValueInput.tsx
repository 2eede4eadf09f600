import { Input, Select, Space } from "antd";
import type { Language } from "@/contract";
import { type ChoiceOption, type FieldLoaders, type FilterOperator, getFieldType, toSelectOptions } from "@/field-types";
import { useT } from "@/i18n";
import type { FilterableColumn } from "./filterFields";

interface FilterValueInputProps {
  serviceKey: string;
  column: FilterableColumn;
  operator: FilterOperator;
  value: unknown;
  onChange(value: unknown): void;
  language: Language;
  loaders: FieldLoaders;
  id: string;
}

/** URL values are strings; the registry's inputs expect the stored JSON type. */
export function draftValue(column: FilterableColumn, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => draftValue(column, item));
  if (typeof value !== "string" || value === "") return value;
  return column.type.fromText(column.field, value) ?? value;
}

/**
 * The value part of one filter condition. Single values and range ends use the field type's own
 * input (a date picker for dates, the org tree for units …); "contains" is free text; "in" picks
 * several of the field's choices.
 */
export function FilterValueInput({ serviceKey, column, operator, value, onChange, language, loaders, id }: FilterValueInputProps) {
  const t = useT();
  if (operator === "null" || operator === "nnull") return null;
  if (operator === "contains") {
    return <Input id={id} value={typeof value === "string" ? value : ""} onChange={(e) => onChange(e.target.value)} allowClear />;
  }
  if (operator === "in") {
    const options = (column.field.options ?? []) as ChoiceOption[];
    return (
      <Select
        id={id}
        mode="multiple"
        value={Array.isArray(value) ? value : []}
        onChange={onChange}
        options={toSelectOptions(options, language)}
        style={{ minWidth: 200 }}
      />
    );
  }
  const { Input: FieldInput } = getFieldType(serviceKey, column.name, column.field.type);
  const single = (current: unknown, change: (next: unknown) => void, inputId: string) => (
    <div style={{ minWidth: 180 }}>
      <FieldInput field={column.field} value={current} onChange={change} onBlur={() => undefined} id={inputId} language={language} loaders={loaders} />
    </div>
  );
  if (operator === "between") {
    const [from, to] = Array.isArray(value) ? value : [undefined, undefined];
    return (
      <Space wrap>
        {single(from, (next) => onChange([next, to]), id)}
        <span>{t("records.filters.to")}</span>
        {single(to, (next) => onChange([from, next]), `${id}-to`)}
      </Space>
    );
  }
  return single(value, onChange, id);
}
