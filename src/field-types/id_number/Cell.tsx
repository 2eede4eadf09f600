import { emptyCellText } from "../shared/labels";
import type { FieldCellProps } from "../types";
import type { IdNumberField } from "./definition";

/** Shown exactly as received: the database already masked it for users without view_sensitive. */
export function IdNumberCell({ value }: FieldCellProps<IdNumberField>) {
  return <span style={{ fontVariantNumeric: "tabular-nums" }}>{typeof value === "string" && value !== "" ? value : emptyCellText}</span>;
}
