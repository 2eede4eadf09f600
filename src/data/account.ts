// Self-service account actions through GoTrue, as supabase-js offers them: change the password,
// ask for a recovery link, and turn a recovery link into a session. Hosted and local alike.
import { credentialsFor } from "@/lib/domain/phone";
import { supabase } from "./client";

/** Where recovery links land: this app's /reset-password (hosted: add it to the redirect allow list). */
export const resetPasswordPath = "/reset-password";

/** Sends the recovery message; GoTrue answers the same whether or not the address has an account. */
export async function requestPasswordReset(email: string): Promise<void> {
  const { error } = await supabase.auth.resetPasswordForEmail(email.trim(), { redirectTo: `${window.location.origin}${resetPasswordPath}` });
  if (error) throw error;
}

/**
 * Sends a sign-in code by SMS to an existing account (never creates one). An unknown number is
 * answered like a known one, so the page reveals nothing either way.
 */
export async function requestSmsCode(phone: string): Promise<void> {
  const { error } = await supabase.auth.signInWithOtp({ phone, options: { shouldCreateUser: false } });
  if (error && error.code !== "otp_disabled") throw error;
}

/** Signs in with the SMS code (GoTrue's /verify type sms). */
export async function signInWithSmsCode(phone: string, code: string): Promise<void> {
  const { error } = await supabase.auth.verifyOtp({ phone, token: code.trim(), type: "sms" });
  if (error) throw error;
}

export type RecoveryOutcome = { ok: true } | { ok: false; code: string };

/**
 * Signs in with what a recovery link brought: GoTrue's GET /verify puts the session in the URL
 * fragment (implicit flow); a link built on token_hash carries it in the query. The tokens are
 * removed from the address bar at once.
 */
export async function sessionFromRecoveryLink(location: Pick<Location, "hash" | "search" | "pathname">): Promise<RecoveryOutcome> {
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ""));
  const query = new URLSearchParams(location.search);
  window.history.replaceState(null, "", location.pathname);
  if (fragment.get("error_code") || fragment.get("error")) return { ok: false, code: fragment.get("error_code") ?? "otp_expired" };
  const accessToken = fragment.get("access_token");
  const refreshToken = fragment.get("refresh_token");
  if (accessToken && refreshToken) {
    const { error } = await supabase.auth.setSession({ access_token: accessToken, refresh_token: refreshToken });
    return error ? { ok: false, code: error.code ?? "otp_expired" } : { ok: true };
  }
  const tokenHash = query.get("token_hash");
  if (tokenHash) {
    const { error } = await supabase.auth.verifyOtp({ token_hash: tokenHash, type: "recovery" });
    return error ? { ok: false, code: error.code ?? "otp_expired" } : { ok: true };
  }
  // No link: an existing session is not enough here, or anyone at an unattended screen could set
  // a new password without the current one (修改密码 asks for it).
  return { ok: false, code: "otp_expired" };
}

/** Sets a new password for the signed-in user; GoTrue ends their other sessions. */
export async function setNewPassword(password: string): Promise<void> {
  const { error } = await supabase.auth.updateUser({ password });
  if (error) throw error;
}

/**
 * Changes the password after proving the current one: a fresh sign-in with it (which also counts
 * towards the per-account limit on failures), then the update, which ends every other session.
 */
export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  const { data, error: userError } = await supabase.auth.getUser();
  if (userError) throw userError;
  const user = data.user;
  const identifier = user.email || (user.phone ? `+${user.phone}` : "");
  const { error: signInError } = await supabase.auth.signInWithPassword({ ...credentialsFor(identifier), password: currentPassword });
  if (signInError) throw signInError;
  await setNewPassword(newPassword);
}
