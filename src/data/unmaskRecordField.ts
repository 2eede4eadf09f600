// Reading one sensitive answer unmasked: the database checks view_sensitive in scope, requires
// the reason and logs the access before it returns the original.
import { supabase } from "@/lib/supabase/client";
import { toHttpError } from "@/lib/supabase/errors";

export async function unmaskRecordField(recordId: string, field: string, reason: string): Promise<unknown> {
  const { data, error } = await supabase.rpc("unmask_record_field", { p_record_id: recordId, p_field: field, p_reason: reason });
  if (error) throw toHttpError(error);
  return data;
}
