// Org-unit levels as the database defines them (column `org_units.level`), top to bottom.
export const orgUnitLevels = ["prefecture", "county", "street", "community", "grid"] as const;

export type OrgUnitLevel = (typeof orgUnitLevels)[number];

export function isOrgUnitLevel(value: unknown): value is OrgUnitLevel {
  return typeof value === "string" && (orgUnitLevels as readonly string[]).includes(value);
}

/** A row of `org_units`, restricted to the columns the UI reads. */
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
