// Many records in one request, for the sheet import. PostgREST turns a JSON array into ONE insert
// statement, so the database takes every row or none: a trigger refusing one row (records_validate,
// records_before_insert) aborts the statement and nothing is half-imported.
import { toHttpError } from "@/lib/supabase/errors";
import { supabase } from "./client";
import type { Json } from "./database.types";

export interface RecordBatch {
  serviceId: string;
  /** the published version the rows were checked against */
  serviceVersion: number;
  /** the workflow's initial state */
  initialStatus: string;
  orgUnitId: string;
  rows: readonly Record<string, unknown>[];
}

/** Inserts every row or none; returns how many the database created. */
export async function insertRecords({ serviceId, serviceVersion, initialStatus, orgUnitId, rows }: RecordBatch): Promise<number> {
  // status and service_version are NOT NULL without defaults, so the generated type asks for them;
  // records_before_insert sets both from the service's current version whatever is sent
  const { error, count } = await supabase.from("records").insert(
    rows.map((data) => ({
      service_id: serviceId,
      service_version: serviceVersion,
      status: initialStatus,
      org_unit_id: orgUnitId,
      data: data as NonNullable<Json>,
    })),
    { count: "exact" },
  );
  if (error) throw toHttpError(error);
  return count ?? rows.length;
}
