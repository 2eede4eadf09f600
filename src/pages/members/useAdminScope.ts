// What the signed-in administrator may manage: the units of their subtree, the roles they may
// grant at a unit, the members and custom roles they may change. UI only — RLS decides.
import { useGetIdentity, useList } from "@refinedev/core";
import { useCallback, useMemo } from "react";
import { administeredUnitIds, isRoleAssignableAt, isSystemAdministrator, isWithinUnits, mayGrantRole, type Member, type Role } from "@/lib/domain/access";
import type { OrgUnit } from "@/lib/domain/orgUnits";
import type { Identity } from "@/data/myContext";

export type ScopeUnit = Pick<OrgUnit, "id" | "parent_id" | "code" | "name" | "level" | "path">;

export type AdminScope = {
  userId: string | undefined;
  isLoading: boolean;
  systemAdministrator: boolean;
  /** Units where the user is an administrator (roots of their scope). */
  adminUnitIds: string[];
  unitsById: ReadonlyMap<string, ScopeUnit>;
  /** Their administered units and everything below, in tree order. */
  scopeUnits: ScopeUnit[];
  /** Presets, and custom roles owned by a unit on the way down to (or inside) their scope. */
  roles: Role[];
  assignableRoles: (unitId: string | undefined) => Role[];
  mayManageMember: (member: Pick<Member, "user_id" | "org_unit_path" | "role_key">) => boolean;
  mayEditRole: (role: Role) => boolean;
};

export function useAdminScope(): AdminScope {
  const { data: identity, isLoading: identityLoading } = useGetIdentity<Identity>();
  const unitsQuery = useList<ScopeUnit>({
    resource: "org_units",
    pagination: { mode: "off" },
    sorters: [{ field: "sort_order", order: "asc" }],
    meta: { select: "id,parent_id,code,name,level,path", count: "planned" },
    queryOptions: { staleTime: 10 * 60_000 },
  });
  const rolesQuery = useList<Role>({
    resource: "roles",
    pagination: { mode: "off" },
    sorters: [{ field: "sort_order", order: "asc" }],
    meta: { select: "key,name,name_en,description,is_preset,owner_org_unit_id,sort_order", count: "planned" },
  });

  const units = unitsQuery.result.data;
  const allRoles = rolesQuery.result.data;
  const memberships = useMemo(() => identity?.memberships ?? [], [identity]);
  const adminUnitIds = useMemo(() => administeredUnitIds(memberships), [memberships]);
  const systemAdministrator = isSystemAdministrator(memberships);
  const unitsById = useMemo(() => new Map(units.map((unit) => [unit.id, unit])), [units]);
  const scopeUnits = useMemo(() => units.filter((unit) => isWithinUnits(unit.path, adminUnitIds)), [units, adminUnitIds]);

  const roles = useMemo(() => {
    const adminPaths = adminUnitIds.map((id) => unitsById.get(id)?.path ?? "");
    return allRoles.filter((role) => {
      if (role.owner_org_unit_id === null) return true;
      const owner = unitsById.get(role.owner_org_unit_id);
      if (!owner) return false;
      // Inside the scope, or an ancestor of one of the administered units.
      return isWithinUnits(owner.path, adminUnitIds) || adminPaths.some((path) => path.split(".").includes(owner.id));
    });
  }, [allRoles, adminUnitIds, unitsById]);

  const assignableRoles = useCallback(
    (unitId: string | undefined) => {
      const unit = unitId ? unitsById.get(unitId) : undefined;
      if (!unit) return [];
      return roles.filter((role) => mayGrantRole(role.key, systemAdministrator) && isRoleAssignableAt(role, unit));
    },
    [roles, unitsById, systemAdministrator],
  );

  const mayManageMember = useCallback(
    (member: Pick<Member, "user_id" | "org_unit_path" | "role_key">) =>
      member.user_id !== identity?.id && isWithinUnits(member.org_unit_path, adminUnitIds) && mayGrantRole(member.role_key, systemAdministrator),
    [identity, adminUnitIds, systemAdministrator],
  );

  const mayEditRole = useCallback(
    (role: Role) => {
      const owner = role.owner_org_unit_id ? unitsById.get(role.owner_org_unit_id) : undefined;
      return !role.is_preset && owner !== undefined && isWithinUnits(owner.path, adminUnitIds);
    },
    [unitsById, adminUnitIds],
  );

  return {
    userId: identity?.id,
    isLoading: identityLoading || unitsQuery.query.isLoading || rolesQuery.query.isLoading,
    systemAdministrator,
    adminUnitIds,
    unitsById,
    scopeUnits,
    roles,
    assignableRoles,
    mayManageMember,
    mayEditRole,
  };
}
