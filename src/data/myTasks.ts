// 待办: records, across services, in a state one of the user's roles can move on from.
// PostgREST filters (service, state-set) pairs as one or=(and(…),…) — the Supabase data
// provider cannot nest `and` inside `or`, so this query goes through the client directly.
import { toHttpError } from "@/lib/supabase/errors";
import { supabase } from "./client";
import { asRecordRow, recordColumns, type RecordRow } from "./records";
import { taskOrFilter, type TaskScope } from "./taskFilter";

export interface TaskPage {
  rows: RecordRow[];
  total: number;
}

/**
 * Overdue first, then by due time: ordering by due_at ascending does both, because every
 * record here is open (terminal states have no outgoing transitions). Records without a
 * deadline come last.
 */
export async function fetchMyTasks(scopes: readonly TaskScope[], limit: number): Promise<TaskPage> {
  if (scopes.length === 0) return { rows: [], total: 0 };
  const { data, count, error } = await supabase
    .from("records")
    .select(recordColumns, { count: "exact" })
    .or(taskOrFilter(scopes))
    .order("due_at", { ascending: true, nullsFirst: false })
    .order("created_at", { ascending: true })
    .limit(limit);
  if (error) throw toHttpError(error);
  return { rows: (data ?? []).map(asRecordRow), total: count ?? 0 };
}
