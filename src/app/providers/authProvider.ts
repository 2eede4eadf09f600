import type { AuthProvider } from "@refinedev/core";
import { currentSession, signIn, signOutHere } from "@/data/session";
import { isSessionError, toHttpError } from "@/lib/supabase/errors";
import { localizeError } from "@/i18n";
import { forgetIdentity, loadIdentity } from "@/data/identity";

export type LoginParams = { identifier: string; password: string };

export const authProvider: AuthProvider = {
  login: async ({ identifier, password }: LoginParams) => {
    const error = await signIn(identifier, password);
    if (error) return { success: false, error: localizeError(toHttpError(error), "errors.loginFailed") };
    forgetIdentity();
    // Load the context once now so the first screen has roles and units; a failure here is not a
    // failed sign-in (getIdentity retries), so it is only reported.
    loadIdentity().catch((e: unknown) => console.warn("my_context() failed after sign-in", e));
    return { success: true, redirectTo: "/" };
  },

  logout: async () => {
    const error = await signOutHere();
    forgetIdentity();
    if (error) return { success: false, error: localizeError(toHttpError(error)) };
    return { success: true, redirectTo: "/login" };
  },

  check: async () => {
    const { signedIn, error } = await currentSession();
    if (!signedIn) {
      return { authenticated: false, logout: true, redirectTo: "/login", ...(error ? { error: localizeError(toHttpError(error)) } : {}) };
    }
    return { authenticated: true };
  },

  onError: async (error: unknown) => {
    const httpError = toHttpError(error);
    if (isSessionError(httpError)) {
      return { logout: true, redirectTo: "/login", error: localizeError(httpError) };
    }
    return {};
  },

  getIdentity: async () => loadIdentity(),

  getPermissions: async () => (await loadIdentity())?.roles ?? [],
};
