// Account steps of the join page, with the anon key only (as on hosted Supabase): sign up or sign
// in, so that claim_invitation() runs as the invitee. Nothing here grants anything.
import { supabase } from "./client";
import { toHttpError } from "@/lib/supabase/errors";

export type Credentials = { phone: string } | { email: string };

/**
 * Creates the account. `signedIn` is false when the project asks for confirmation first
 * (hosted with confirmations on): the invitee confirms, then signs in on the same page.
 */
export async function signUpForInvitation(credentials: Credentials, password: string, displayName: string): Promise<{ signedIn: boolean }> {
  const { data, error } = await supabase.auth.signUp({ ...credentials, password, options: { data: { display_name: displayName } } });
  if (error) throw toHttpError(error);
  return { signedIn: data.session !== null };
}

export async function signInForInvitation(credentials: Credentials, password: string): Promise<void> {
  const { error } = await supabase.auth.signInWithPassword({ ...credentials, password });
  if (error) throw toHttpError(error);
}

export async function signOutForAnotherAccount(): Promise<void> {
  const { error } = await supabase.auth.signOut({ scope: "local" });
  if (error) throw toHttpError(error);
}

/** Who is signed in in this tab, if anyone, for "accept as …". */
export async function currentAccountLabel(): Promise<string | null> {
  const { data } = await supabase.auth.getSession();
  const user = data.session?.user;
  if (!user) return null;
  const name = typeof user.user_metadata?.display_name === "string" ? user.user_metadata.display_name : "";
  return name || user.email || user.phone || user.id;
}
