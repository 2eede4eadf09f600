// The data behind the permission matrix: published services, every role, and the grants,
// read per request (grants are data, not baked into tokens), plus which services the
// signed-in user administers (UI only — the database refuses the rest).
import { useGetIdentity, useList } from "@refinedev/core";
import { useMemo } from "react";
import { administeredUnitIds, isSystemAdministrator, isWithinUnits } from "../../lib/domain/access";
import type { Identity } from "../../lib/supabase/myContext";
import type { ServiceGrant } from "../../lib/supabase/grantAdmin";
import type { Role } from "../../lib/domain/access";


export type MatrixService = { id: string; key: string; name: string; category: string; owner_org_unit_id: string | null };
type UnitPath = { id: string; path: string; name: string };

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
  const { data: identity } = useGetIdentity<Identity>();
  const services = useList<MatrixService>({
    resource: "services",
    pagination: { mode: "off" },
    filters: [{ field: "status", operator: "eq", value: "published" }],
    sorters: [{ field: "category", order: "asc" }, { field: "name", order: "asc" }],
    meta: { select: "id, key, name, category, owner_org_unit_id" },
  });
  const roles = useList<Role>({ resource: "roles", pagination: { mode: "off" }, sorters: [{ field: "sort_order", order: "asc" }] });
  const grants = useList<ServiceGrant>({ resource: "service_role_grants", pagination: { mode: "off" }, meta: { select: "service_id, role_key, action" } });
  const units = useList<UnitPath>({ resource: "org_units", pagination: { mode: "off" }, meta: { select: "id, path, name" } });

  return useMemo(() => {
    const granted = new Set((grants.result?.data ?? []).map((g) => `${g.service_id}|${g.role_key}|${g.action}`));
    const unitById = new Map((units.result?.data ?? []).map((u) => [u.id, u]));
    const adminUnits = administeredUnitIds(identity?.memberships ?? []);
    const isSystemAdmin = isSystemAdministrator(identity?.memberships ?? []);
    return {
      isLoading: services.query.isLoading || roles.query.isLoading || grants.query.isLoading || units.query.isLoading,
      services: services.result?.data ?? [],
      roles: roles.result?.data ?? [],
      has: (serviceId, roleKey, action) => granted.has(`${serviceId}|${roleKey}|${action}`),
      // Administrators of the owning unit or one of its ancestors: the owner lies within their units.
      mayEdit: (service) => {
        const owner = service.owner_org_unit_id ? unitById.get(service.owner_org_unit_id) : undefined;
        return isSystemAdmin || (!!owner && isWithinUnits(owner.path, adminUnits));
      },
      ownerName: (service) => (service.owner_org_unit_id ? (unitById.get(service.owner_org_unit_id)?.name ?? "—") : "—"),
      refetch: () => grants.query.refetch(),
    };
  }, [identity, services.result, roles.result, grants.result, units.result, services.query, roles.query, grants.query, units.query]);
}
