import { InputNumber } from "antd";
import { pickText } from "@/contract";
import type { FieldInputProps } from "../types";
import type { NumberField } from "./definition";

export function NumberInput({ field, value, onChange, onBlur, disabled, status, id, language }: FieldInputProps<NumberField>) {
  return (
    <InputNumber<number>
      id={id}
      value={typeof value === "number" ? value : null}
      onChange={(next) => onChange(next ?? null)}
      onBlur={onBlur}
      disabled={disabled}
      status={status}
      // no min / max / precision here: antd would clamp or round on blur (age 50 silently became
      // 60); the value stays as typed and validation says what is wrong with it
      suffix={field.unit ? pickText(language, field.unit, field.unit_en) : undefined}
      placeholder={field.placeholder ? pickText(language, field.placeholder, field.placeholder_en) : undefined}
      style={{ width: "100%" }}
    />
  );
}
