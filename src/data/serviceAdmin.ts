// Creating, saving and publishing service definitions. The database decides who may (an
// administrator of the owning unit or above), validates what is published
// (private.check_service_definition) and refuses a stale row_version; the designer only asks.
import type { Json } from "./database.types";
import { callRpc, type RpcReturns } from "./rpc";

export type ServiceRow = RpcReturns<"create_service">;

/** A new draft service owned by `ownerUnitId`; its key must be free (service_key_taken otherwise). */
export async function createService(definition: Json, ownerUnitId: string): Promise<ServiceRow> {
  return callRpc("create_service", { p_definition: definition, p_owner_org_unit_id: ownerUnitId });
}

/** Publishes `definition` (or the saved draft when null) as the next version. */
export async function publishService(serviceId: string, definition: Json | null, rowVersion: number): Promise<ServiceRow> {
  return callRpc("publish_service", { p_service_id: serviceId, p_definition: definition as Json, p_expected_row_version: rowVersion });
}
