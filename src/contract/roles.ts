import { z } from "zod";
import { msg } from "./definitionMessages";

/**
 * Roles every installation has, as the database seeds them (table `roles`); communities may add
 * their own (e.g. `custom_3f9a0c12de`, as public.roles generates). Labels live in the i18n
 * dictionaries (`roles.*`) and in the table itself (`name`, `name_en`).
 */
export const presetRoles = ["system_admin", "community_admin", "staff", "grid_worker", "leader", "volunteer"] as const;
export type PresetRole = (typeof presetRoles)[number];

export function isPresetRole(value: unknown): value is PresetRole {
  return typeof value === "string" && (presetRoles as readonly string[]).includes(value);
}

/** What a role may do with a service's records; transitions carry their own roles. */
export const permissionActions = ["read", "create", "update", "delete", "export", "view_sensitive"] as const;
export type PermissionAction = (typeof permissionActions)[number];

/** Same pattern as the database's grants and definition checks (20261126040300_make_service_grants_editable.sql). */
export const roleKeySchema = z.string().regex(/^[a-z][a-z0-9_]*$/, msg("role_key_format"));
