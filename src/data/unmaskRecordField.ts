// Reading one sensitive answer unmasked: the database checks view_sensitive in scope, requires
// the reason and logs the access before it returns the original.
import { callRpc } from "./rpc";

export function unmaskRecordField(recordId: string, field: string, reason: string): Promise<unknown> {
  return callRpc("unmask_record_field", { p_record_id: recordId, p_field: field, p_reason: reason });
}
