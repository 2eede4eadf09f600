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

/**
 * Actions a role may hold on a service only together with `read` (the database's
 * private.actions_needing_read says the same): update and delete act on a record one has opened,
 * export writes out the list one reads, view_sensitive unmasks an answer of a record one reads.
 * `create` is not among them: filing a record one will not see again is real (a volunteer hands
 * in a resident's proposal; resident_proposal grants volunteers create only).
 */
export const actionsNeedingRead: readonly PermissionAction[] = ["update", "delete", "export", "view_sensitive"];

export function needsRead(action: PermissionAction): boolean {
  return actionsNeedingRead.includes(action);
}
