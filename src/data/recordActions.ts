// Every change to an existing record is an RPC (supabase/migrations/…_create_record_actions.sql):
// the database checks the workflow and the caller's rights and writes the history entry in the
// same transaction. Errors come back as AppHttpError with `reason` = the RPC's stable code.
import { supabase } from "@/lib/supabase/client";
import { toHttpError } from "@/lib/supabase/errors";
import type { RecordRow } from "./recordTypes";

async function call<T>(fn: string, args: Record<string, unknown>): Promise<T> {
  const { data, error } = await supabase.rpc(fn, args);
  if (error) throw toHttpError(error);
  return data as T;
}

/** Replaces the record's answers; `rowVersion` is the version the user's copy was read at. */
export function updateRecord(id: string, rowVersion: number, data: Record<string, unknown>): Promise<RecordRow> {
  return call("update_record", { p_id: id, p_row_version: rowVersion, p_data: data });
}

export interface TransitionRequest {
  transition: string;
  comment?: string;
  /** answers to the transition's requireFields only; other answers may not change here */
  fields?: Record<string, unknown>;
  /** keys of the ticked offline-verification items */
  checklist?: string[];
}

export function transitionRecord(id: string, rowVersion: number, request: TransitionRequest): Promise<RecordRow> {
  return call("transition_record", {
    p_id: id,
    p_row_version: rowVersion,
    p_transition: request.transition,
    p_comment: request.comment?.trim() || null,
    p_fields: request.fields && Object.keys(request.fields).length > 0 ? request.fields : null,
    p_checklist: request.checklist ?? [],
  });
}

export function commentRecord(id: string, comment: string): Promise<unknown> {
  return call("comment_record", { p_id: id, p_comment: comment });
}

export function deleteRecord(id: string, rowVersion: number, reason: string): Promise<RecordRow> {
  return call("delete_record", { p_id: id, p_row_version: rowVersion, p_reason: reason });
}
