// Editing a record is not a PATCH: update_record checks the row_version the user's copy was read
// at, the caller's rights and the answers, and writes the history entry in one transaction. Put
// into the data provider's `update` for resource "records", an edit is an ordinary Refine
// useUpdate, so Refine invalidates the record's list, many and detail queries itself.
//   useUpdate({ resource: "records", id, values: { data }, meta: { rowVersion } })
import type { BaseRecord, DataProvider, UpdateParams, UpdateResponse } from "@refinedev/core";
import { updateRecord } from "./recordActions";
import { recordsResource } from "./records";

/** What an edit sends: the answers; meta.rowVersion is the version they were read at. */
export type RecordUpdateValues = { data: Record<string, unknown> };

function rowVersionOf(params: UpdateParams<unknown>): number {
  const rowVersion = params.meta?.rowVersion;
  if (typeof rowVersion !== "number") throw new Error(`update of ${params.resource} ${String(params.id)} needs meta.rowVersion (the version read)`);
  return rowVersion;
}

function recordUpdateValues(variables: unknown): RecordUpdateValues {
  if (typeof variables === "object" && variables !== null && "data" in variables && isAnswers(variables.data)) return { data: variables.data };
  throw new Error("an update of records sends { data: answers }");
}

function isAnswers(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `base` with records' updates going through update_record; every other resource unchanged. */
export function withRecordUpdates<Provider extends DataProvider>(base: Provider): Provider {
  const update = async <TData extends BaseRecord = BaseRecord, TVariables = object>(params: UpdateParams<TVariables>): Promise<UpdateResponse<TData>> => {
    if (params.resource !== recordsResource) return base.update<TData, TVariables>(params);
    const { data } = recordUpdateValues(params.variables);
    const row = await updateRecord(String(params.id), rowVersionOf(params), data);
    // TData is the caller's view of a records row; the RPC returns the whole updated row
    return { data: row as unknown as TData };
  };
  return { ...base, update };
}
