import { DatePicker } from "antd";
import dayjs from "dayjs";
import { isIsoDateTime } from "../shared/dates";
import { pickText } from "@/contract";
import type { FieldInputProps } from "../types";
import type { DatetimeField } from "./definition";

export function DatetimeInput({ field, value, onChange, onBlur, disabled, status, id, language }: FieldInputProps<DatetimeField>) {
  return (
    <DatePicker
      id={id}
      showTime={{ format: "HH:mm" }}
      format="YYYY-MM-DD HH:mm"
      value={typeof value === "string" && isIsoDateTime(value) ? dayjs(value) : null}
      // dayjs's default format() is ISO 8601 with the local offset, e.g. 2025-01-02T09:30:00+08:00
      onChange={(moment) => onChange(moment ? moment.second(0).format() : null)}
      onBlur={onBlur}
      disabled={disabled}
      status={status}
      placeholder={field.placeholder ? pickText(language, field.placeholder, field.placeholder_en) : undefined}
      style={{ width: "100%" }}
    />
  );
}
