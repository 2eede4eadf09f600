// Which edits of the org tree to offer, mirroring private.check_org_unit_editable so the page
// shows no button the database would refuse: administrators edit strictly below the units where
// they hold the role (a community administrator shapes their grids, not their own community);
// communities and grids are everyday edits, streets only a system administrator's, counties
// and the prefecture none. The database decides; these only hide buttons.
import { isChildOrgUnitLevel, orgUnitLevels, type ChildOrgUnitLevel, type OrgUnitLevel } from "@/contract";
import { isWithinUnits } from "@/lib/domain/access";
import type { OrgUnit } from "@/lib/domain/orgUnits";
import type { OrgUnitIndex } from "./orgUnitIndex";

/** The administrator's standing: units where they administer, and whether as a system administrator. */
export type EditorScope = { adminUnitIds: readonly string[]; systemAdmin: boolean };

export function isEditableLevel(level: OrgUnitLevel, systemAdmin: boolean): level is ChildOrgUnitLevel {
  return level === "community" || level === "grid" || (level === "street" && systemAdmin);
}

export function childLevelOf(level: OrgUnitLevel): ChildOrgUnitLevel | undefined {
  const next = orgUnitLevels[orgUnitLevels.indexOf(level) + 1];
  return next !== undefined && isChildOrgUnitLevel(next) ? next : undefined;
}

/** The level the editor may add below `unit`, if any: they administer it and may edit that level. */
export function addableChildLevel(unit: OrgUnit, scope: EditorScope): ChildOrgUnitLevel | undefined {
  const level = childLevelOf(unit.level);
  return level && isEditableLevel(level, scope.systemAdmin) && isWithinUnits(unit.path, scope.adminUnitIds) ? level : undefined;
}

/** May the editor rename, move or delete `unit`: they administer its parent and may edit its level. */
export function mayEditUnit(unit: OrgUnit, index: OrgUnitIndex, scope: EditorScope): boolean {
  const parent = unit.parent_id === null ? undefined : index.byId.get(unit.parent_id);
  return parent !== undefined && isEditableLevel(unit.level, scope.systemAdmin) && isWithinUnits(parent.path, scope.adminUnitIds);
}

/** Where `unit` may move: units one level up, other than its parent, that the editor administers. */
export function moveTargets(unit: OrgUnit, index: OrgUnitIndex, scope: EditorScope): OrgUnit[] {
  const parentLevel = orgUnitLevels[orgUnitLevels.indexOf(unit.level) - 1];
  return [...index.byId.values()]
    .filter((candidate) => candidate.level === parentLevel && candidate.id !== unit.parent_id && isWithinUnits(candidate.path, scope.adminUnitIds))
    .sort((a, b) => a.code.localeCompare(b.code));
}

/** What is wrong with a unit's name under `parentId` (trimmed, 1–60 characters, no sibling's), as a dictionary key; null when fine. */
export function orgUnitNameProblem(
  name: string,
  parentId: string,
  index: OrgUnitIndex,
  selfId?: string,
): "org_unit_edit.nameRequired" | "org_unit_edit.nameTooLong" | "org_unit_edit.nameTaken" | null {
  const trimmed = name.trim();
  if (trimmed === "") return "org_unit_edit.nameRequired";
  if (trimmed.length > 60) return "org_unit_edit.nameTooLong";
  const siblings = index.childrenOf.get(parentId) ?? [];
  return siblings.some((sibling) => sibling.name === trimmed && sibling.id !== selfId) ? "org_unit_edit.nameTaken" : null;
}

/** Every code in the tree, for the uniqueness check and the next free code. */
export function codesOf(index: OrgUnitIndex): Set<string> {
  return new Set([...index.byId.values()].map((unit) => unit.code));
}
