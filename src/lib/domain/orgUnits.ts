import type { OrgUnitLevel } from "@/contract";

/** A row of `org_units`, restricted to the columns the UI reads. The one org-unit type of the SPA. */
export type OrgUnit = {
  id: string;
  parent_id: string | null;
  code: string;
  name: string;
  level: OrgUnitLevel;
  /** Ancestor ids joined by ".", ending with the unit's own id. */
  path: string;
  depth: number;
  sort_order: number;
};

/** Ancestor ids (root first), excluding the unit itself. */
export function orgUnitAncestorIds(unit: Pick<OrgUnit, "id" | "path">): string[] {
  return unit.path.split(".").filter((id) => id !== "" && id !== unit.id);
}
