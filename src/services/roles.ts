import { z } from 'zod';
import { msg } from './definition-messages';

/** Roles every installation has; communities may add their own `[a-z_]+` keys. */
export const presetRoles = ['system_admin', 'community_admin', 'staff', 'grid_worker', 'leader', 'volunteer'] as const;
export type PresetRole = (typeof presetRoles)[number];

/** What a role may do with a service's records; transitions carry their own roles. */
export const permissionActions = ['read', 'create', 'update', 'delete', 'export', 'view_sensitive'] as const;
export type PermissionAction = (typeof permissionActions)[number];

export const roleKeySchema = z.string().regex(/^[a-z_]+$/, msg('role_key_format'));

export const permissionsSchema = z.record(roleKeySchema, z.array(z.enum(permissionActions)));

export function isPresetRole(role: string): role is PresetRole {
  return (presetRoles as readonly string[]).includes(role);
}
