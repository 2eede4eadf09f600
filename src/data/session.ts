// The session steps of Refine's auth provider (app/providers/authProvider.ts): sign in with a
// phone number or e-mail, sign out of this browser, ask whether a session exists. Errors are
// returned as GoTrue gives them; the provider localises them.
import type { AuthError } from "@supabase/supabase-js";
import { credentialsFor } from "@/lib/domain/phone";
import { supabase } from "./client";

export async function signIn(identifier: string, password: string): Promise<AuthError | null> {
  const { error } = await supabase.auth.signInWithPassword({ ...credentialsFor(identifier), password });
  return error;
}

/** scope "local": ends this browser's session without revoking the user's other devices. */
export async function signOutHere(): Promise<AuthError | null> {
  const { error } = await supabase.auth.signOut({ scope: "local" });
  return error;
}

export async function currentSession(): Promise<{ signedIn: boolean; error: AuthError | null }> {
  const { data, error } = await supabase.auth.getSession();
  return { signedIn: !error && data.session !== null, error };
}
