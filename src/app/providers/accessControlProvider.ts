// Decides what the UI shows. It never protects data: every table and RPC is guarded by RLS in
// Postgres, and a user who forges a route only meets an empty or refused query.
import type { AccessControlProvider } from "@refinedev/core";
import { isPresetRole, type PresetRole } from "@/contract";
import { translate } from "@/i18n";
import { loadIdentity } from "@/data/identity";
import { resourceRoles } from "../resources";

function rolesFromMeta(meta: unknown): readonly PresetRole[] | undefined {
  if (typeof meta !== "object" || meta === null || !("roles" in meta)) return undefined;
  const roles = (meta as { roles: unknown }).roles;
  return Array.isArray(roles) ? roles.filter(isPresetRole) : undefined;
}

export const accessControlProvider: AccessControlProvider = {
  can: async ({ resource, params }) => {
    const allowed = rolesFromMeta(params?.resource?.meta) ?? resourceRoles(resource);
    if (!allowed) return { can: true };
    const identity = await loadIdentity().catch(() => null);
    const can = identity?.roles.some((role) => allowed.includes(role)) ?? false;
    return can ? { can: true } : { can: false, reason: translate("access.forbiddenSubtitle") };
  },
  options: {
    buttons: { enableAccessControl: true, hideIfUnauthorized: true },
    // Answers depend on who is signed in; dropping them when unused keeps one user's menu from
    // being shown to the next user of the same tab.
    queryOptions: { gcTime: 0 },
  },
};
