/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Hosted (or self-hosted) Supabase project URL, set at build time. */
  readonly VITE_SUPABASE_URL?: string;
  /** The project's public anon key, set at build time. */
  readonly VITE_SUPABASE_ANON_KEY?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}

/** Injected into index.html by the local gateway (supabase/local) when it serves the SPA. */
interface LocalSupabaseConfig {
  url: string;
  anonKey: string;
}

interface Window {
  __SUPABASE__?: LocalSupabaseConfig;
}
