import { emptyCellText } from "../shared/labels";
import type { FieldCellProps } from "../types";
import type { TextField } from "./definition";

export function TextCell({ value }: FieldCellProps<TextField>) {
  return <>{typeof value === "string" && value !== "" ? value : emptyCellText}</>;
}
