import { Radio } from "antd";
import type { FieldInputProps } from "../types";
import { booleanAnswerLabels } from "./answerLabels";
import type { BooleanField } from "./definition";

/** Two radio buttons rather than a switch: "not answered yet" must stay visible for required questions. */
export function BooleanInput({ field, value, onChange, onBlur, disabled, id, language }: FieldInputProps<BooleanField>) {
  const { yes, no } = booleanAnswerLabels(field, language);
  return (
    <Radio.Group
      id={id}
      value={typeof value === "boolean" ? value : undefined}
      onChange={(event) => {
        onChange(event.target.value === true);
        onBlur();
      }}
      disabled={disabled}
      options={[
        { value: true, label: yes },
        { value: false, label: no },
      ]}
    />
  );
}
