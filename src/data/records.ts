// Row shapes of the engine's tables as the views read them, taken from the generated database
// types: a column renamed or dropped in a migration breaks the build here (npm run db:types).
// Only the JSON columns are narrowed: the database types them as any JSON, the engine's triggers
// guarantee the object shapes below.
import type { Database } from "./database.types";

type Tables = Database["public"]["Tables"];

export const recordsResource = "records";
export const recordEventsResource = "record_events";

/** Columns a list or detail page reads; `data` holds the service's own fields, `resident_id` the person the record is about. */
export const recordColumns = "id,service_id,service_version,org_unit_id,status,assignee,due_at,data,row_version,created_at,created_by,updated_at,resident_id";

type RecordColumn =
  "id" | "service_id" | "service_version" | "org_unit_id" | "status" | "assignee" | "due_at" | "row_version" | "created_at" | "created_by" | "updated_at";

export type RecordRow = Pick<Tables["records"]["Row"], RecordColumn> & {
  data: Record<string, unknown>;
  /** read by lists and pages (recordColumns); rows other calls return may leave it out */
  resident_id?: string | null;
};

export const recordEventKinds = ["created", "updated", "transition", "comment", "checklist", "attachment", "deleted"] as const;
export type RecordEventKind = (typeof recordEventKinds)[number];

export interface ChecklistResult {
  key: string;
  label: string;
  checked: boolean;
}

type RecordEventColumn = "id" | "record_id" | "from_status" | "to_status" | "transition_key" | "comment" | "actor" | "created_at";

export type RecordEventRow = Pick<Tables["record_events"]["Row"], RecordEventColumn> & {
  kind: RecordEventKind;
  /** {field: [old, new]}; `org_unit_id` appears when an escalation moved the record */
  diff: Record<string, [unknown, unknown]> | null;
  checklist: ChecklistResult[] | null;
};

/** A records row as PostgREST returns it (data typed as any JSON) seen as the views read it. */
export function asRecordRow(row: Pick<Tables["records"]["Row"], RecordColumn | "data">): RecordRow {
  return row as RecordRow;
}
