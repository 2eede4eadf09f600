/** Org-unit levels as the database defines them (column `org_units.level`), top to bottom: 州 → 县/市 → 街道/乡镇 → 社区/村 → 网格. */
export const orgUnitLevels = ["prefecture", "county", "street", "community", "grid"] as const;

export type OrgUnitLevel = (typeof orgUnitLevels)[number];

export function isOrgUnitLevel(value: unknown): value is OrgUnitLevel {
  return typeof value === "string" && (orgUnitLevels as readonly string[]).includes(value);
}
