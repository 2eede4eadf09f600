// Other users as a user picker offers them: profiles the caller may see (RLS), by display name.
import { toHttpError } from "@/lib/supabase/errors";
import { supabase } from "./client";

export interface ProfileOption {
  id: string;
  name: string;
}

/** Up to `limit` profiles whose display name contains `query` (all of them for an empty query). */
export async function searchProfiles(query: string, limit: number): Promise<ProfileOption[]> {
  let request = supabase.from("profiles").select("id,display_name").order("display_name").limit(limit);
  if (query.trim() !== "") request = request.ilike("display_name", `%${query.trim()}%`);
  const { data, error } = await request;
  if (error) throw toHttpError(error);
  return (data ?? []).map((p) => ({ id: p.id, name: p.display_name }));
}
