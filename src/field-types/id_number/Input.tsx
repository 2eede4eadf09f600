import { Input } from "antd";
import { pickText } from "@/contract";
import type { FieldInputProps } from "../types";
import type { IdNumberField } from "./definition";
import { idNumberBirthDate, idNumberSex, normalizeIdNumber } from "./gb11643";
import { tidyIdNumberInput } from "./tidyIdNumberInput";

/** Shows the birth date and sex read from a valid number, so staff can check it against the card. */
export function IdNumberInput({ field, value, onChange, onBlur, disabled, status, id, language }: FieldInputProps<IdNumberField>) {
  const text = typeof value === "string" ? value : "";
  const birth = idNumberBirthDate(text);
  const sex = idNumberSex(text);
  const derived = birth && sex ? `${birth} · ${pickText(language, sex === "male" ? "男" : "女", sex === "male" ? "M" : "F")}` : undefined;
  return (
    <Input
      id={id}
      value={text}
      // no native maxLength: it would cut a pasted "110101 19900101 123X" before the spaces go
      onChange={(event) => {
        const tidy = tidyIdNumberInput(event.target.value);
        onChange(tidy === "" ? null : tidy);
      }}
      onBlur={() => {
        // upper-case X and 15→18 upgrade happen here, once, so stored numbers have one form
        if (text !== "" && normalizeIdNumber(text) !== text) onChange(normalizeIdNumber(text));
        onBlur();
      }}
      disabled={disabled}
      status={status}
      suffix={derived}
      autoComplete="off"
      placeholder={field.placeholder ? pickText(language, field.placeholder, field.placeholder_en) : undefined}
    />
  );
}
