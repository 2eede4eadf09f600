// Editing the org tree (组织架构). The database decides who may (administrators of the unit above,
// private.check_org_unit_editable), checks the official code against the parent's and audits
// every change; the UI only offers the forms. Each call answers with the unit as it now is.
import type { ChildOrgUnitLevel } from "@/contract";
import { callRpc, type RpcReturns } from "./rpc";

export type EditedOrgUnit = RpcReturns<"create_org_unit">;

export async function createOrgUnit(unit: { parentId: string; name: string; level: ChildOrgUnitLevel; code: string }): Promise<EditedOrgUnit> {
  return callRpc("create_org_unit", { p_parent_id: unit.parentId, p_name: unit.name, p_level: unit.level, p_code: unit.code });
}

/** `expectedName` is the name the administrator saw: a rename someone made meanwhile is refused, not overwritten. */
export async function renameOrgUnit(id: string, name: string, expectedName: string): Promise<EditedOrgUnit> {
  return callRpc("rename_org_unit", { p_id: id, p_name: name, p_expected_name: expectedName });
}

/** `newName` only when the unit's name is taken under the new parent; otherwise it keeps its name. */
export async function moveOrgUnit(move: { id: string; newParentId: string; newCode: string; newName?: string }): Promise<EditedOrgUnit> {
  return callRpc("move_org_unit", { p_id: move.id, p_new_parent_id: move.newParentId, p_new_code: move.newCode, p_new_name: move.newName });
}

export async function deleteOrgUnit(id: string): Promise<EditedOrgUnit> {
  return callRpc("delete_org_unit", { p_id: id });
}
