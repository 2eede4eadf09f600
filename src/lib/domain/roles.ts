// Role keys as the database defines them (table `roles`). Labels live in the i18n dictionaries
// (`roles.*`) and in the table itself (`name`, `name_en`).
export const roleKeys = ["system_admin", "community_admin", "staff", "grid_worker", "leader", "volunteer"] as const;

export type RoleKey = (typeof roleKeys)[number];

export function isRoleKey(value: unknown): value is RoleKey {
  return typeof value === "string" && (roleKeys as readonly string[]).includes(value);
}
