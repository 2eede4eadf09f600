import { emptyCellText } from "../shared/labels";
import type { FieldCellProps } from "../types";
import type { PhoneField } from "./definition";

/** Shown exactly as received: masking is the database's job. */
export function PhoneCell({ value }: FieldCellProps<PhoneField>) {
  return <span style={{ fontVariantNumeric: "tabular-nums" }}>{typeof value === "string" && value !== "" ? value : emptyCellText}</span>;
}
