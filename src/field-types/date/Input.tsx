import { DatePicker } from "antd";
import dayjs from "dayjs";
import { isIsoDate, isoDateOf, resolveDateLimit } from "../shared/dates";
import { pickText } from "@/contract";
import type { FieldInputProps } from "../types";
import type { DateField } from "./definition";

export function DateInput({ field, value, onChange, onBlur, disabled, status, id, language }: FieldInputProps<DateField>) {
  const today = isoDateOf(new Date());
  const min = field.min ? resolveDateLimit(field.min, new Date()) : undefined;
  const max = field.max ? resolveDateLimit(field.max, new Date()) : undefined;
  return (
    <DatePicker
      id={id}
      value={typeof value === "string" && isIsoDate(value) ? dayjs(value) : null}
      onChange={(date) => onChange(date ? date.format("YYYY-MM-DD") : null)}
      onBlur={onBlur}
      disabled={disabled}
      status={status}
      disabledDate={(date) => {
        const day = date.format("YYYY-MM-DD");
        return (min !== undefined && day < min) || (max !== undefined && day > max);
      }}
      placeholder={field.placeholder ? pickText(language, field.placeholder, field.placeholder_en) : today}
      style={{ width: "100%" }}
    />
  );
}
