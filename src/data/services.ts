// Published services, their frozen versions and their grants, as rows. Parsing a definition is
// the views' business (services/schema), done where the rows enter the screens.
import { permissionActions, type PermissionAction } from "@/contract";
import { toHttpError } from "@/lib/supabase/errors";
import { supabase } from "./client";
import { callRpc } from "./rpc";
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

type PublishedServicesAnswer = {
  services: (PublishedServiceRow & { definition: unknown })[];
  grants: { service_id: string; role_key: string; action: string }[];
};

/**
 * Published services, their current definitions and their grants in one round trip
 * (published_services(), under the caller's own policies): the chain before a list's first rows
 * on a phone was sign-in → context → services → versions → grants → records.
 */
export async function fetchPublishedServiceRows(): Promise<PublishedServiceRows> {
  const answer = (await callRpc("published_services", {})) as unknown as PublishedServicesAnswer;
  const rows = answer.services.filter(isPublishedRow);
  return {
    services: rows.map(({ definition: _definition, ...row }) => row),
    definitions: new Map(rows.filter((row) => row.definition !== null).map((row) => [row.id, row.definition])),
    // the table's check constraint allows these actions only; the filter tells TypeScript so
    grants: answer.grants.filter(isGrantRow),
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
