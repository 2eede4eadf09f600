// The only createClient in the app. Everything that talks to Supabase goes through `supabase`,
// typed by the generated database types (npm run db:types): a table, column or RPC argument the
// database does not have is a compile error here, not a 400 at run time.
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import type { Database } from "./database.types";

type SupabaseConfig = { url: string; anonKey: string; source: "build-env" | "local-gateway" };

function resolveConfig(): SupabaseConfig {
  const envUrl = import.meta.env.VITE_SUPABASE_URL;
  const envKey = import.meta.env.VITE_SUPABASE_ANON_KEY;
  if (envUrl && envKey) return { url: envUrl, anonKey: envKey, source: "build-env" };

  const injected = typeof window === "undefined" ? undefined : window.__SUPABASE__;
  if (injected?.url && injected.anonKey) {
    return { url: injected.url, anonKey: injected.anonKey, source: "local-gateway" };
  }

  throw new Error(
    "未找到 Supabase 配置：请在构建时设置 VITE_SUPABASE_URL 和 VITE_SUPABASE_ANON_KEY，或通过本地网关（npm start）访问。\n" +
      "Supabase configuration missing: set VITE_SUPABASE_URL and VITE_SUPABASE_ANON_KEY at build time, " +
      "or open the app through the local gateway (npm start).",
  );
}

const config = resolveConfig();

export const supabase: SupabaseClient<Database> = createClient<Database>(config.url, config.anonKey, {
  auth: { persistSession: true, autoRefreshToken: true, detectSessionInUrl: false },
});

/**
 * True when the SPA is served by the embedded local stack (config injected by its gateway),
 * as opposed to a build pointed at hosted Supabase. Used only for local conveniences such as
 * listing the demo accounts on the login page.
 */
export const isLocalStack: boolean = config.source === "local-gateway";
