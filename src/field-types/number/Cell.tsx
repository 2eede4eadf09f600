import { pickText } from "@/contract";
import { emptyCellText } from "../shared/labels";
import type { FieldCellProps } from "../types";
import type { NumberField } from "./definition";

export function NumberCell({ field, value, language }: FieldCellProps<NumberField>) {
  if (typeof value !== "number") return <>{typeof value === "string" && value !== "" ? value : emptyCellText}</>;
  const formatted = value.toLocaleString(language === "en" ? "en-US" : "zh-CN");
  return <>{field.unit ? `${formatted} ${pickText(language, field.unit, field.unit_en)}` : formatted}</>;
}
