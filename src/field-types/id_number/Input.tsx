import { Input } from "antd";
import { pickText } from "@/contract";
import type { FieldInputProps } from "../types";
import type { IdNumberField } from "./definition";
import { idNumberBirthDate, idNumberSex, normalizeIdNumber } from "./gb11643";

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
      onChange={(event) => onChange(event.target.value === "" ? null : event.target.value)}
      onBlur={() => {
        // upper-case X and 15→18 upgrade happen here, once, so stored numbers have one form
        if (text !== "" && normalizeIdNumber(text) !== text) onChange(normalizeIdNumber(text));
        onBlur();
      }}
      disabled={disabled}
      status={status}
      maxLength={18}
      suffix={derived}
      autoComplete="off"
      placeholder={field.placeholder ? pickText(language, field.placeholder, field.placeholder_en) : undefined}
    />
  );
}
