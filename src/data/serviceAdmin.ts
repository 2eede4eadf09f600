// Creating, saving, publishing and archiving service definitions. The database decides who may (an
// administrator of the owning unit or above), validates what is published
// (private.check_service_definition), keeps published field types (field_type_frozen) and refuses
// a stale row_version naming who saved last; the designer only asks.
import { toHttpError } from "@/lib/supabase/errors";
import { supabase } from "./client";
import type { Json } from "./database.types";
import { callRpc, type RpcReturns } from "./rpc";

export type ServiceRow = RpcReturns<"create_service">;

/** A row of 服务管理 (list_services); the texts a join may not find are null. */
export type ServiceListRow = Omit<RpcReturns<"list_services">[number], "name_en" | "owner_name" | "updated_by_name" | "current_version"> & {
  name_en: string | null;
  owner_name: string | null;
  updated_by_name: string | null;
  current_version: number | null;
};

export async function listServices(): Promise<ServiceListRow[]> {
  return (await callRpc("list_services", {})) as ServiceListRow[];
}

/** A new draft service owned by `ownerUnitId`; its key must be free (service_key_taken otherwise). */
export async function createService(definition: Json, ownerUnitId: string): Promise<ServiceRow> {
  return callRpc("create_service", { p_definition: definition, p_owner_org_unit_id: ownerUnitId });
}

/** Saves the draft and the fields removed from it, as one row update; stale_service when someone saved since. */
export async function saveServiceDraft(serviceId: string, draft: Json, removedFields: Json, rowVersion: number): Promise<ServiceRow> {
  return callRpc("save_service_draft", { p_service_id: serviceId, p_draft: draft, p_expected_row_version: rowVersion, p_removed_fields: removedFields });
}

/** Publishes `definition` (or the saved draft when null) as the next version. */
export async function publishService(serviceId: string, definition: Json | null, rowVersion: number): Promise<ServiceRow> {
  return callRpc("publish_service", { p_service_id: serviceId, p_definition: definition as Json, p_expected_row_version: rowVersion });
}

export async function archiveService(serviceId: string, archived: boolean, rowVersion: number): Promise<ServiceRow> {
  return callRpc("archive_service", { p_service_id: serviceId, p_archived: archived, p_expected_row_version: rowVersion });
}

/** Is this service key still free? (keys are global: records and routes are named by them) */
export async function isServiceKeyFree(key: string): Promise<boolean> {
  const { count, error } = await supabase.from("services").select("id", { count: "exact", head: true }).eq("key", key);
  if (error) throw toHttpError(error);
  return count === 0;
}

/** The service as the designer opens it. */
export async function fetchServiceForDesign(serviceId: string): Promise<ServiceRow | null> {
  const { data, error } = await supabase.from("services").select("*").eq("id", serviceId).maybeSingle();
  if (error) throw toHttpError(error);
  return data;
}

export interface ServiceVersionRow {
  version: number;
  definition: Json;
  published_at: string;
  published_by: string | null;
}

/** Every published version, newest first: the designer's diff, frozen keys and history. */
export async function fetchServiceVersions(serviceId: string): Promise<ServiceVersionRow[]> {
  const { data, error } = await supabase
    .from("service_versions")
    .select("version,definition,published_at,published_by")
    .eq("service_id", serviceId)
    .order("version", { ascending: false });
  if (error) throw toHttpError(error);
  return data ?? [];
}
