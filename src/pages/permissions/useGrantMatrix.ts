// The data behind the permission matrix: published services and their grants, read per
// request (grants are data, not baked into tokens). Roles, units and "which units does this
// user administer" come from the same admin scope 用户与角色 uses. UI only — the database
// refuses the rest.
import { useList } from "@refinedev/core";
import { useMemo } from "react";
import { isWithinUnits, type Role } from "@/lib/domain/access";
import type { ServiceGrant } from "@/data/grantAdmin";
import { useAdminScope } from "../members/useAdminScope";
import type { TableRow } from "@/data/rows";

export type MatrixService = Pick<TableRow<"services">, "id" | "key" | "name" | "category" | "owner_org_unit_id">;

export type GrantMatrix = {
  isLoading: boolean;
  services: MatrixService[];
  roles: Role[];
  has: (serviceId: string, roleKey: string, action: string) => boolean;
  mayEdit: (service: MatrixService) => boolean;
  ownerName: (service: MatrixService) => string;
  refetch: () => Promise<unknown>;
};

export function useGrantMatrix(): GrantMatrix {
  const scope = useAdminScope();
  const services = useList<MatrixService>({
    resource: "services",
    pagination: { mode: "off" },
    filters: [{ field: "status", operator: "eq", value: "published" }],
    sorters: [
      { field: "category", order: "asc" },
      { field: "name", order: "asc" },
    ],
    meta: { select: "id, key, name, category, owner_org_unit_id" },
  });
  const grants = useList<ServiceGrant>({ resource: "service_role_grants", pagination: { mode: "off" }, meta: { select: "service_id, role_key, action" } });

  return useMemo(() => {
    const granted = new Set((grants.result?.data ?? []).map((g) => `${g.service_id}|${g.role_key}|${g.action}`));
    const owner = (service: MatrixService) => (service.owner_org_unit_id ? scope.unitsById.get(service.owner_org_unit_id) : undefined);
    return {
      isLoading: scope.isLoading || services.query.isLoading || grants.query.isLoading,
      services: services.result?.data ?? [],
      roles: scope.roles,
      has: (serviceId, roleKey, action) => granted.has(`${serviceId}|${roleKey}|${action}`),
      // Administrators of the owning unit or one of its ancestors: the owner lies within their units.
      mayEdit: (service) => {
        const unit = owner(service);
        return scope.systemAdministrator || (!!unit && isWithinUnits(unit.path, scope.adminUnitIds));
      },
      ownerName: (service) => owner(service)?.name ?? "—",
      refetch: () => grants.query.refetch(),
    };
  }, [scope, services.result, services.query, grants.result, grants.query]);
}
