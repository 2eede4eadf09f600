/**
 * Whether this browser holds a stored session (supabase-js keeps it under `sb-…-auth-token`),
 * read synchronously at start so a returning user's chunks are fetched with the app instead of
 * one round trip after another (slow 4G: ≈ 0.56 s each). Not a sign-in check. Imports nothing:
 * src/main.tsx calls it before the app (and its Supabase client) has loaded.
 */
export function hasStoredSession(): boolean {
  try {
    return Object.keys(window.localStorage).some((key) => /^sb-.+-auth-token$/.test(key));
  } catch {
    return false;
  }
}
