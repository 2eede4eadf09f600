import type { ParseResult, ServiceDefinition } from "@/services/schema";

export type GrantedPermissions = ServiceDefinition["permissions"];

/**
 * The definition with its permissions replaced by the service's grants, so every button and
 * menu decision (views/shared/servicePermissions) follows the same rows the database applies.
 */
export function withGrants(parsed: ParseResult, grants: GrantedPermissions): ParseResult {
  return parsed.ok ? { ok: true, definition: { ...parsed.definition, permissions: grants } } : parsed;
}
