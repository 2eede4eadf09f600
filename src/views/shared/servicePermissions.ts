// What the UI offers, from the definition's permissions and the user's memberships. It only
// hides buttons: the database's RLS and RPCs decide what actually happens (DESIGN §6).
import type { PermissionAction } from "@/contract";
import { isWithinUnits } from "@/lib/domain/access";
import type { MyMembership } from "@/data/myContext";
import type { ServiceDefinition } from "@/services/schema";
import type { OrgUnitRow } from "../hooks/useOrgUnits";

/** Every role the user holds anywhere (custom role keys included). */
export function allRoleKeys(memberships: readonly MyMembership[]): string[] {
  return [...new Set(memberships.map((m) => m.role_key))];
}

/** Roles the user holds at the record's unit or one of its ancestors, as the RPCs compute them. */
export function roleKeysAt(memberships: readonly MyMembership[], unitId: string, unitsById: ReadonlyMap<string, OrgUnitRow>): string[] {
  const unit = unitsById.get(unitId);
  const roles = memberships
    .filter((m) => unit !== undefined && unitsById.has(m.org_unit_id) && isWithinUnits(unit.path, [m.org_unit_id]))
    .map((m) => m.role_key);
  return [...new Set(roles)];
}

export function mayDo(definition: ServiceDefinition, roleKeys: readonly string[], action: PermissionAction): boolean {
  return roleKeys.some((role) => definition.permissions[role]?.includes(action) ?? false);
}

/** The unit a new record defaults to: the first of the user's units where they may create. */
export function defaultRecordUnit(definition: ServiceDefinition, memberships: readonly MyMembership[]): string | null {
  const creating = memberships.find((m) => mayDo(definition, [m.role_key], "create"));
  return (creating ?? memberships[0])?.org_unit_id ?? null;
}
