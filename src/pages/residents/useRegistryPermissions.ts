// What the registry pages offer (UI only; the database decides per person by grid scope): edit
// and register for a role that may update records of some service, unmask and exact search for
// one that holds view_sensitive on some service (docs/residents.md, "Scope", "Sensitive values").
import { useGetIdentity } from "@refinedev/core";
import { useMemo } from "react";
import type { PermissionAction } from "@/contract";
import type { Identity } from "@/data/myContext";
import { usePublishedServices } from "@/views/hooks/usePublishedServices";

export function useRegistryPermissions(): { canEdit: boolean; canViewSensitive: boolean } {
  const { data: identity } = useGetIdentity<Identity>();
  const services = usePublishedServices();
  return useMemo(() => {
    const roles = identity?.roles ?? [];
    const holds = (action: PermissionAction) => (services.data ?? []).some((service) => roles.some((role) => (service.grants[role] ?? []).includes(action)));
    return { canEdit: holds("update"), canViewSensitive: holds("view_sensitive") };
  }, [identity, services.data]);
}
