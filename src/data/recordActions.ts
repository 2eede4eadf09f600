// Every change to an existing record is an RPC (supabase/migrations/…_create_record_actions.sql):
// the database checks the workflow and the caller's rights and writes the history entry in the
// same transaction. Errors come back as AppHttpError with `reason` = the RPC's stable code.
import type { Json } from "./database.types";
import { asRecordRow, type RecordRow } from "./records";
import { callRpc } from "./rpc";

/** Replaces the record's answers; `rowVersion` is the version the user's copy was read at. */
export async function updateRecord(id: string, rowVersion: number, data: Record<string, unknown>): Promise<RecordRow> {
  // answers are JSON values (the form's resolver made them so); the database validates them
  return asRecordRow(await callRpc("update_record", { p_id: id, p_row_version: rowVersion, p_data: data as Json }));
}

export interface TransitionRequest {
  transition: string;
  comment?: string;
  /** answers to the transition's own fields only (required by it or staged to it); other answers may not change here */
  fields?: Record<string, unknown>;
  /** keys of the ticked offline-verification items */
  checklist?: string[];
  /** the unit picked for an escalation to a chosen unit (吹哨报到) */
  targetUnit?: string;
}

export async function transitionRecord(id: string, rowVersion: number, request: TransitionRequest): Promise<RecordRow> {
  const row = await callRpc("transition_record", {
    p_id: id,
    p_row_version: rowVersion,
    p_transition: request.transition,
    // left out = the SQL default, null: no comment, no field answers
    p_comment: request.comment?.trim() || undefined,
    p_fields: request.fields && Object.keys(request.fields).length > 0 ? (request.fields as Json) : undefined,
    p_checklist: request.checklist ?? [],
    p_target_unit: request.targetUnit,
  });
  return asRecordRow(row);
}

export function commentRecord(id: string, comment: string): Promise<unknown> {
  return callRpc("comment_record", { p_id: id, p_comment: comment });
}

export async function deleteRecord(id: string, rowVersion: number, reason: string): Promise<RecordRow> {
  return asRecordRow(await callRpc("delete_record", { p_id: id, p_row_version: rowVersion, p_reason: reason }));
}
