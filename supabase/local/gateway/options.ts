// The gateway's configuration, with defaults applied once so handlers never re-check them.
import { dirname, join } from "node:path";
import type { Pool } from "pg";

export type GatewayOptions = {
  host: string;
  port: number;
  /** Superuser connection to the database; handlers drop to the caller's role where RLS decides. */
  pool: Pool;
  /** e.g. http://127.0.0.1:54331 */
  postgrestUrl: string;
  jwtSecret: string;
  anonKey: string;
  serviceKey: string;
  /** New-format keys (not JWTs); the gateway maps them to anonKey / serviceKey. */
  publishableKey: string;
  secretKey: string;
  /**
   * The origin browsers reach the stack by (SUPABASE_PUBLIC_URL), e.g. behind a reverse proxy.
   * Never taken from request headers: X-Forwarded-Host and Host are the caller's to choose.
   * Unset: tokens name the bound address as issuer and the SPA uses its page's own origin.
   */
  publicUrl?: string;
  /** The built SPA (dist/); may not exist. */
  staticDir: string;
  /** Where object bytes live: <storageDir>/<bucket>/<name>. */
  storageDir: string;
  /** The local mail catcher's file (auth-mailbox.ts). Default: mailbox.json next to storageDir. */
  mailboxFile?: string;
  /** Cap on any request body; uploads are also capped by their bucket's file_size_limit. Default 10 MiB. */
  maxBodyBytes?: number;
  log?: (line: string) => void;
};

export type GatewayConfig = Required<Omit<GatewayOptions, "host" | "port" | "publicUrl">> & {
  publicUrl: string | undefined;
  /** publicUrl, or the address the gateway is bound to (known once it listens). */
  origin: string;
};

export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

export function resolveConfig(o: GatewayOptions): GatewayConfig {
  return {
    pool: o.pool,
    postgrestUrl: o.postgrestUrl.replace(/\/+$/, ""),
    jwtSecret: o.jwtSecret,
    anonKey: o.anonKey,
    serviceKey: o.serviceKey,
    publishableKey: o.publishableKey,
    secretKey: o.secretKey,
    publicUrl: o.publicUrl ? new URL(o.publicUrl).origin : undefined,
    origin: o.publicUrl ? new URL(o.publicUrl).origin : `http://${o.host}:${o.port}`,
    staticDir: o.staticDir,
    storageDir: o.storageDir,
    mailboxFile: o.mailboxFile ?? join(dirname(o.storageDir), "mailbox.json"),
    maxBodyBytes: o.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    log: o.log ?? ((line) => console.log(line)),
  };
}
