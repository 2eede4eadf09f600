import { Checkbox, Select } from "antd";
import { toSelectOptions } from "../shared/choiceOptions";
import { pickText } from "@/contract";
import type { FieldInputProps } from "../types";
import type { MultiselectField } from "./definition";

const asStrings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : []);

export function MultiselectInput({ field, value, onChange, onBlur, disabled, status, id, language }: FieldInputProps<MultiselectField>) {
  const options = toSelectOptions(field.options, language);
  // an emptied selection stores null, like every other cleared input
  const emit = (next: string[]) => onChange(next.length === 0 ? null : next);
  if (field.display === "checkbox") {
    return (
      <div id={id} role="group">
        <Checkbox.Group
          value={asStrings(value)}
          onChange={(next) => {
            emit(next.map(String));
            onBlur();
          }}
          disabled={disabled}
          options={options}
        />
      </div>
    );
  }
  return (
    <Select
      id={id}
      mode="multiple"
      value={asStrings(value)}
      onChange={(next: string[]) => emit(next)}
      onBlur={onBlur}
      disabled={disabled}
      status={status}
      options={options}
      maxCount={field.maxItems}
      allowClear
      placeholder={field.placeholder ? pickText(language, field.placeholder, field.placeholder_en) : undefined}
      style={{ width: "100%" }}
    />
  );
}
