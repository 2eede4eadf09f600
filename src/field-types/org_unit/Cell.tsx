import { emptyCellText } from "../shared/labels";
import type { FieldCellProps } from "../types";
import type { OrgUnitField } from "./definition";

export function OrgUnitCell({ value, lookups }: FieldCellProps<OrgUnitField>) {
  if (typeof value !== "string" || value === "") return <>{emptyCellText}</>;
  // a leader's list names the community and street, not only 「第一网格」
  return <>{lookups?.orgUnitLabel?.(value) ?? lookups?.orgUnitName?.(value) ?? value}</>;
}
