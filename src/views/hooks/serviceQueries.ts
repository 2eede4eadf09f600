// Published services and their frozen versions, parsed here, where they enter the screens
// (STYLE habit 3): a broken definition becomes a ParseResult with errors, never a crash.
import type { PermissionAction } from "@/contract";
import { fetchPublishedServiceRows, fetchServiceVersionDefinition, type ServiceGrantRow } from "@/data/services";
import { fieldTypes } from "@/field-types";
import { definitionError } from "@/services/definitionErrors";
import { parseServiceDefinition, type ParseResult } from "@/services/schema";
import type { PublishedService } from "./publishedService";
import { withGrants, type GrantedPermissions } from "./withGrants";

export async function fetchPublishedServices(): Promise<PublishedService[]> {
  const { services, definitions, grants } = await fetchPublishedServiceRows();
  const byService = grantsByService(grants);
  return services.map((row) => ({
    id: row.id,
    key: row.key,
    name: row.name,
    category: row.category,
    icon: row.icon,
    currentVersion: row.current_version,
    indexedFields: indexedFieldsOf(row.indexed_fields),
    grants: byService.get(row.id) ?? {},
    parsed: withGrants(
      definitions.has(row.id) ? parseServiceDefinition(definitions.get(row.id), fieldTypes) : missingVersion(row.current_version),
      byService.get(row.id) ?? {},
    ),
  }));
}

/** services.indexed_fields as stored (jsonb): only string → string entries are column names (`idx_…`). */
function indexedFieldsOf(stored: unknown): Record<string, string> {
  if (typeof stored !== "object" || stored === null || Array.isArray(stored)) return {};
  return Object.fromEntries(
    Object.entries(stored).filter((entry): entry is [string, string] => typeof entry[1] === "string" && /^idx_(text|num)_\d$/.test(entry[1])),
  );
}

/** Who may do what is the grants table (edited in 权限矩阵), not the definition's defaults. */
function grantsByService(grants: readonly ServiceGrantRow[]): Map<string, GrantedPermissions> {
  const byService = new Map<string, Record<string, PermissionAction[]>>();
  for (const grant of grants) {
    const permissions = byService.get(grant.service_id) ?? {};
    (permissions[grant.role_key] ??= []).push(grant.action);
    byService.set(grant.service_id, permissions);
  }
  return byService;
}

/** One frozen version, for records created under an older definition. */
export async function fetchServiceVersion(serviceId: string, version: number, grants: GrantedPermissions): Promise<ParseResult> {
  const definition = await fetchServiceVersionDefinition(serviceId, version);
  return withGrants(definition !== null ? parseServiceDefinition(definition, fieldTypes) : missingVersion(version), grants);
}

/** A published service whose version row is not readable: reported like any broken definition. */
function missingVersion(version: number): ParseResult {
  return { ok: false, errors: [definitionError("required", ["service_versions", version])] };
}
