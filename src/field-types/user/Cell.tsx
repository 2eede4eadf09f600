import { emptyCellText } from "../shared/labels";
import type { FieldCellProps } from "../types";
import type { UserField } from "./definition";

export function UserCell({ value, lookups }: FieldCellProps<UserField>) {
  if (typeof value !== "string" || value === "") return <>{emptyCellText}</>;
  return <>{lookups?.userName?.(value) ?? value}</>;
}
