import { emptyCellText } from "../shared/labels";
import type { FieldCellProps } from "../types";
import type { DateField } from "./definition";

/** Dates are shown as stored (YYYY-MM-DD): unambiguous in both languages. */
export function DateCell({ value }: FieldCellProps<DateField>) {
  return <>{typeof value === "string" && value !== "" ? value : emptyCellText}</>;
}
