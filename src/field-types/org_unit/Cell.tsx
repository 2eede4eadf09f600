import { emptyCellText } from "../shared/labels";
import type { FieldCellProps } from "../types";
import type { OrgUnitField } from "./definition";

export function OrgUnitCell({ value, lookups }: FieldCellProps<OrgUnitField>) {
  if (typeof value !== "string" || value === "") return <>{emptyCellText}</>;
  return <>{lookups?.orgUnitName?.(value) ?? value}</>;
}
