// The picked person's previous application of a service, for the fields marked `reuse`: the
// newest live record of the service linked to the person that the caller reads (RLS decides;
// the database's records_link_answer finds the same one, in the same order, when it puts the raw
// values behind the masks back). Sensitive answers arrive masked, as every read of records does.
import { toHttpError } from "@/lib/supabase/errors";
import { supabase } from "./client";

export interface PreviousApplication {
  id: string;
  created_at: string;
  data: Record<string, unknown>;
}

export async function fetchPreviousApplication(serviceId: string, residentId: string): Promise<PreviousApplication | null> {
  const { data, error } = await supabase
    .from("records")
    .select("id,created_at,data")
    .eq("service_id", serviceId)
    .eq("resident_id", residentId)
    .is("deleted_at", null)
    .order("created_at", { ascending: false })
    .order("id", { ascending: false })
    .limit(1)
    .maybeSingle();
  if (error) throw toHttpError(error);
  if (!data) return null;
  const answers = data.data && typeof data.data === "object" && !Array.isArray(data.data) ? (data.data as Record<string, unknown>) : {};
  return { id: data.id, created_at: data.created_at, data: answers };
}
