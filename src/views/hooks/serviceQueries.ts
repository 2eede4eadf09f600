// Reads published services and their frozen versions. Definitions are parsed here, where they
// enter the app (STYLE habit 3): a broken one becomes a ParseResult with errors, never a crash.
import { supabase } from "@/lib/supabase/client";
import { toHttpError } from "@/lib/supabase/errors";
import { definitionError } from "@/services/definitionErrors";
import type { PermissionAction } from "@/contract";
import { fieldTypes } from "@/field-types";
import { parseServiceDefinition, type ParseResult } from "@/services/schema";
import { withGrants, type GrantedPermissions } from "./withGrants";
import type { PublishedService } from "./recordTypes";

interface ServiceRow {
  id: string;
  key: string;
  name: string;
  category: string;
  icon: string;
  current_version: number;
}

interface VersionRow {
  service_id: string;
  version: number;
  definition: unknown;
}

/**
 * Published services and their current definitions in two requests. PostgREST cannot filter an
 * embedded table by a column of its parent (version = current_version), so the versions are
 * asked for by (service, version) pairs instead of embedding every version ever published.
 */
export async function fetchPublishedServices(): Promise<PublishedService[]> {
  const services = await supabase
    .from("services")
    .select("id,key,name,category,icon,current_version")
    .eq("status", "published")
    .order("category")
    .order("name");
  if (services.error) throw toHttpError(services.error);
  const rows = (services.data ?? []) as ServiceRow[];
  if (rows.length === 0) return [];

  const pairs = rows.map((row) => `and(service_id.eq.${row.id},version.eq.${row.current_version})`).join(",");
  const versions = await supabase.from("service_versions").select("service_id,version,definition").or(pairs);
  if (versions.error) throw toHttpError(versions.error);
  const definitions = new Map(((versions.data ?? []) as VersionRow[]).map((v) => [v.service_id, v.definition]));
  const grants = await fetchGrants(rows.map((row) => row.id));

  return rows.map((row) => ({
    id: row.id,
    key: row.key,
    name: row.name,
    category: row.category,
    icon: row.icon,
    currentVersion: row.current_version,
    grants: grants.get(row.id) ?? {},
    parsed: withGrants(
      definitions.has(row.id) ? parseServiceDefinition(definitions.get(row.id), fieldTypes) : missingVersion(row.current_version),
      grants.get(row.id) ?? {},
    ),
  }));
}

/** Who may do what is the grants table (edited in 权限矩阵), not the definition's defaults. */
async function fetchGrants(serviceIds: string[]): Promise<Map<string, GrantedPermissions>> {
  const { data, error } = await supabase.from("service_role_grants").select("service_id,role_key,action").in("service_id", serviceIds);
  if (error) throw toHttpError(error);
  const byService = new Map<string, Record<string, PermissionAction[]>>();
  for (const grant of (data ?? []) as { service_id: string; role_key: string; action: PermissionAction }[]) {
    const permissions = byService.get(grant.service_id) ?? {};
    (permissions[grant.role_key] ??= []).push(grant.action);
    byService.set(grant.service_id, permissions);
  }
  return byService;
}

/** One frozen version, for records created under an older definition. */
export async function fetchServiceVersion(serviceId: string, version: number, grants: GrantedPermissions): Promise<ParseResult> {
  const { data, error } = await supabase.from("service_versions").select("definition").eq("service_id", serviceId).eq("version", version).maybeSingle();
  if (error) throw toHttpError(error);
  return withGrants(data ? parseServiceDefinition((data as { definition: unknown }).definition, fieldTypes) : missingVersion(version), grants);
}

/** A published service whose version row is not readable: reported like any broken definition. */
function missingVersion(version: number): ParseResult {
  return { ok: false, errors: [definitionError("required", ["service_versions", version])] };
}
