// How many records a list shows: exact up to exactCountLimit visible records, "约 N" beyond. The
// list asks PostgREST for count=estimated, which counts exactly with LIMIT db-max-rows + 1 and,
// past db-max-rows, answers the planner's guess under the records policy — blind to the caller's
// scope. Beyond exactCountLimit (db-max-rows) the list asks estimate_record_count for a guess
// from the caller's own units (docs/benchmarks.md, "Counts at scale").
import { exactCountLimit } from "./exactCountLimit";
import { callRpc } from "./rpc";

/**
 * The caller's visible records of a service (under `unitId`'s subtree if given), scaled by the
 * list's other filters: `planned` is PostgREST's count=planned for the list's query without the
 * subtree filter. Never below the limit, which the exact count has already passed.
 */
export async function estimateRecordCount(serviceId: string, unitId: string | undefined, planned: number | undefined): Promise<number> {
  const estimate = await callRpc("estimate_record_count", { p_service_id: serviceId, p_unit_id: unitId, p_planned: planned });
  return Math.max(Number(estimate), exactCountLimit + 1);
}
