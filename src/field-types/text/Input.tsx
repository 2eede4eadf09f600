import { Input } from "antd";
import { pickText } from "@/contract";
import type { FieldInputProps } from "../types";
import type { TextField } from "./definition";

export function TextInput({ field, value, onChange, onBlur, disabled, status, id, language }: FieldInputProps<TextField>) {
  return (
    <Input
      id={id}
      value={typeof value === "string" ? value : ""}
      // a cleared box stores null, not "", so "empty" has one spelling in records.data
      onChange={(event) => onChange(event.target.value === "" ? null : event.target.value)}
      onBlur={onBlur}
      disabled={disabled}
      status={status}
      maxLength={field.maxLength}
      placeholder={field.placeholder ? pickText(language, field.placeholder, field.placeholder_en) : undefined}
      allowClear
    />
  );
}
