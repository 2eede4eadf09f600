// Row shapes of the engine's tables as the views read them (supabase/migrations/2026112601*).
// There are no generated database types yet, so these are written by hand from the migrations
// and asserted once where a query returns (the `as` casts in the data modules).
import type { ParseResult, ServiceDefinition } from "@/services/schema";

export const recordsResource = "records";
export const recordEventsResource = "record_events";

/** Columns a list or detail page reads; `data` holds the service's own fields. */
export const recordColumns = "id,service_id,service_version,org_unit_id,status,assignee,due_at,data,row_version,created_at,created_by,updated_at";

export interface RecordRow {
  id: string;
  service_id: string;
  service_version: number;
  org_unit_id: string;
  status: string;
  assignee: string | null;
  due_at: string | null;
  data: Record<string, unknown>;
  row_version: number;
  created_at: string;
  created_by: string | null;
  updated_at: string;
}

export const recordEventKinds = ["created", "updated", "transition", "comment", "checklist", "attachment", "deleted"] as const;
export type RecordEventKind = (typeof recordEventKinds)[number];

export interface ChecklistResult {
  key: string;
  label: string;
  checked: boolean;
}

export interface RecordEventRow {
  id: number;
  record_id: string;
  kind: RecordEventKind;
  from_status: string | null;
  to_status: string | null;
  transition_key: string | null;
  comment: string | null;
  /** {field: [old, new]}; `org_unit_id` appears when an escalation moved the record */
  diff: Record<string, [unknown, unknown]> | null;
  checklist: ChecklistResult[] | null;
  actor: string | null;
  created_at: string;
}

/** A published service with its current definition, parsed where it entered the app. */
export interface PublishedService {
  id: string;
  key: string;
  name: string;
  category: string;
  icon: string;
  currentVersion: number;
  /** role → actions, from service_role_grants; also merged into `parsed.definition.permissions`. */
  grants: ServiceDefinition["permissions"];
  parsed: ParseResult;
}
