import { InputNumber } from "antd";
import { pickText } from "@/contract";
import type { FieldInputProps } from "../types";
import type { MoneyField } from "./definition";

export function MoneyInput({ field, value, onChange, onBlur, disabled, status, id, language }: FieldInputProps<MoneyField>) {
  return (
    <InputNumber<number>
      id={id}
      value={typeof value === "number" ? value : null}
      // round on entry so what is stored is exactly what the user saw
      onChange={(next) => onChange(next === null ? null : Math.round(next * 100) / 100)}
      onBlur={onBlur}
      disabled={disabled}
      status={status}
      // no min / max: antd would clamp out-of-range amounts on blur; validation reports them
      precision={2}
      step={0.01}
      prefix="¥"
      placeholder={field.placeholder ? pickText(language, field.placeholder, field.placeholder_en) : undefined}
      style={{ width: "100%" }}
    />
  );
}
