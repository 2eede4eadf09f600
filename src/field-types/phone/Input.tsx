import { Input } from "antd";
import { pickText } from "@/contract";
import type { FieldInputProps } from "../types";
import type { PhoneField } from "./definition";

export function PhoneInput({ field, value, onChange, onBlur, disabled, status, id, language }: FieldInputProps<PhoneField>) {
  const text = typeof value === "string" ? value : "";
  return (
    <Input
      id={id}
      type="tel"
      inputMode="tel"
      value={text}
      onChange={(event) => onChange(event.target.value === "" ? null : event.target.value)}
      onBlur={() => {
        // numbers pasted from documents often carry spaces: "138 1234 5678"
        const compact = text.replace(/\s+/g, "");
        if (compact !== text) onChange(compact === "" ? null : compact);
        onBlur();
      }}
      disabled={disabled}
      status={status}
      maxLength={13}
      autoComplete="off"
      placeholder={field.placeholder ? pickText(language, field.placeholder, field.placeholder_en) : undefined}
    />
  );
}
