import { emptyCellText } from "../shared/labels";
import type { FieldCellProps } from "../types";
import type { MoneyField } from "./definition";

export function formatYuan(value: number, language?: "zh" | "en"): string {
  const amount = value.toLocaleString(language === "en" ? "en-US" : "zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return `¥${amount}`;
}

export function MoneyCell({ value, language }: FieldCellProps<MoneyField>) {
  if (typeof value !== "number") return <>{typeof value === "string" && value !== "" ? value : emptyCellText}</>;
  return <>{formatYuan(value, language)}</>;
}
