// Published services, their frozen versions and their grants, as rows. Parsing a definition is
// the views' business (services/schema), done where the rows enter the screens.
import { permissionActions, type PermissionAction } from "@/contract";
import { toHttpError } from "@/lib/supabase/errors";
import { supabase } from "./client";
import type { Database } from "./database.types";

type Tables = Database["public"]["Tables"];

/** current_version is set on every published service (check constraint in create_services). */
export type PublishedServiceRow = Pick<Tables["services"]["Row"], "id" | "key" | "name" | "category" | "icon" | "indexed_fields"> & { current_version: number };
/** A role's grant of one action on a service (service_role_grants). */
export type ServiceGrantRow = { service_id: string; role_key: string; action: PermissionAction };

export interface PublishedServiceRows {
  services: PublishedServiceRow[];
  /** service id → its current version's definition, as stored (not yet parsed) */
  definitions: Map<string, unknown>;
  grants: ServiceGrantRow[];
}

/**
 * Published services and their current definitions in two requests. PostgREST cannot filter an
 * embedded table by a column of its parent (version = current_version), so the versions are
 * asked for by (service, version) pairs instead of embedding every version ever published.
 */
export async function fetchPublishedServiceRows(): Promise<PublishedServiceRows> {
  const services = await supabase
    .from("services")
    .select("id,key,name,category,icon,current_version,indexed_fields")
    .eq("status", "published")
    .order("category")
    .order("name");
  if (services.error) throw toHttpError(services.error);
  const rows = (services.data ?? []).filter(isPublishedRow);
  if (rows.length === 0) return { services: [], definitions: new Map(), grants: [] };

  const pairs = rows.map((row) => `and(service_id.eq.${row.id},version.eq.${row.current_version})`).join(",");
  const versions = await supabase.from("service_versions").select("service_id,version,definition").or(pairs);
  if (versions.error) throw toHttpError(versions.error);
  const grants = await supabase
    .from("service_role_grants")
    .select("service_id,role_key,action")
    .in(
      "service_id",
      rows.map((row) => row.id),
    );
  if (grants.error) throw toHttpError(grants.error);
  return {
    services: rows,
    definitions: new Map((versions.data ?? []).map((v) => [v.service_id, v.definition])),
    // the table's check constraint allows these actions only; the filter tells TypeScript so
    grants: (grants.data ?? []).filter(isGrantRow),
  };
}

function isPublishedRow<Row extends { current_version: number | null }>(row: Row): row is Row & { current_version: number } {
  return row.current_version !== null;
}

function isGrantRow(row: { service_id: string; role_key: string; action: string }): row is ServiceGrantRow {
  return permissionActions.some((action) => action === row.action);
}

/** One frozen version's definition as stored, or null when the row is not readable. */
export async function fetchServiceVersionDefinition(serviceId: string, version: number): Promise<unknown> {
  const { data, error } = await supabase.from("service_versions").select("definition").eq("service_id", serviceId).eq("version", version).maybeSingle();
  if (error) throw toHttpError(error);
  return data ? data.definition : null;
}
