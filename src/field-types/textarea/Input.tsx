import { Input } from "antd";
import { pickText } from "@/contract";
import type { FieldInputProps } from "../types";
import type { TextareaField } from "./definition";

export function TextareaInput({ field, value, onChange, onBlur, disabled, status, id, language }: FieldInputProps<TextareaField>) {
  return (
    <Input.TextArea
      id={id}
      value={typeof value === "string" ? value : ""}
      onChange={(event) => onChange(event.target.value === "" ? null : event.target.value)}
      onBlur={onBlur}
      disabled={disabled}
      status={status}
      rows={field.rows ?? 4}
      maxLength={field.maxLength}
      showCount={field.maxLength !== undefined}
      placeholder={field.placeholder ? pickText(language, field.placeholder, field.placeholder_en) : undefined}
    />
  );
}
