// Caches `my_context()` per signed-in user, so getIdentity and every access check share one call.
import { supabase } from "./client";
import type { Identity } from "./myContext";
import { hasStoredSession } from "./storedSession";

const loadMyContext = () => import("./myContext");
// A returning user needs it at once: fetch it with the app, not after the session check.
if (hasStoredSession()) void loadMyContext();

let cached: { userId: string; identity: Promise<Identity> } | undefined;

/** The signed-in user's identity, or null when nobody is signed in. */
export async function loadIdentity(): Promise<Identity | null> {
  const { data } = await supabase.auth.getSession();
  const userId = data.session?.user.id;
  if (!userId) {
    cached = undefined;
    return null;
  }
  if (cached?.userId !== userId) {
    // Imported on demand: myContext validates with zod, which the sign-in page (first load,
    // scripts/check-bundle.ts) has no use for.
    const identity = loadMyContext().then(({ fetchIdentity }) => fetchIdentity());
    cached = { userId, identity };
    // A failed call must not be remembered: the next caller retries.
    identity.catch(() => {
      if (cached?.identity === identity) cached = undefined;
    });
  }
  return cached.identity;
}

export function forgetIdentity(): void {
  cached = undefined;
}

// Signing out elsewhere (another tab, an expired refresh token) drops what we know; a different
// user signing in is already handled by keying the cache on the user id.
supabase.auth.onAuthStateChange((event) => {
  if (event === "SIGNED_OUT") forgetIdentity();
});
