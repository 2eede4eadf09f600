import { Input } from "antd";
import { pickText } from "@/contract";
import type { FieldInputProps } from "../types";
import type { PhoneField } from "./definition";
import { tidyPhoneInput } from "./tidyPhoneInput";

export function PhoneInput({ field, value, onChange, onBlur, disabled, status, id, language }: FieldInputProps<PhoneField>) {
  const text = typeof value === "string" ? value : "";
  return (
    <Input
      id={id}
      type="tel"
      inputMode="tel"
      value={text}
      // numbers pasted from documents carry spaces and full-width digits: tidied before the length
      // limit, so no native maxLength (it would cut "+86 138 1234 5678" mid-number)
      onChange={(event) => {
        const tidy = tidyPhoneInput(event.target.value);
        onChange(tidy === "" ? null : tidy);
      }}
      onBlur={onBlur}
      disabled={disabled}
      status={status}
      autoComplete="off"
      placeholder={field.placeholder ? pickText(language, field.placeholder, field.placeholder_en) : undefined}
    />
  );
}
