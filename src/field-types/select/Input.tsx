import { Radio, Select } from "antd";
import { toSelectOptions } from "../shared/choiceOptions";
import { pickText } from "@/contract";
import type { FieldInputProps } from "../types";
import type { SelectField } from "./definition";

export function SelectInput({ field, value, onChange, onBlur, disabled, status, id, language }: FieldInputProps<SelectField>) {
  const options = toSelectOptions(field.options, language);
  const current = typeof value === "string" ? value : undefined;
  if (field.display === "radio") {
    return (
      <Radio.Group
        id={id}
        value={current}
        onChange={(event) => {
          onChange(event.target.value);
          onBlur();
        }}
        disabled={disabled}
        options={options}
      />
    );
  }
  return (
    <Select
      id={id}
      value={current}
      onChange={(next?: string) => onChange(next ?? null)}
      onBlur={onBlur}
      disabled={disabled}
      status={status}
      options={options}
      allowClear
      showSearch
      optionFilterProp="label"
      placeholder={field.placeholder ? pickText(language, field.placeholder, field.placeholder_en) : undefined}
      style={{ width: "100%" }}
    />
  );
}
