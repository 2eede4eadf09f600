// The gateway's configuration, with defaults applied once so handlers never re-check them.
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
  /** The built SPA (dist/); may not exist. */
  staticDir: string;
  /** Where object bytes live: <storageDir>/<bucket>/<name>. */
  storageDir: string;
  /** Cap on any request body; uploads are also capped by their bucket's file_size_limit. Default 10 MiB. */
  maxBodyBytes?: number;
  log?: (line: string) => void;
};

export type GatewayConfig = Required<Omit<GatewayOptions, "host" | "port">>;

export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

export function resolveConfig(o: GatewayOptions): GatewayConfig {
  return {
    pool: o.pool,
    postgrestUrl: o.postgrestUrl.replace(/\/+$/, ""),
    jwtSecret: o.jwtSecret,
    anonKey: o.anonKey,
    serviceKey: o.serviceKey,
    staticDir: o.staticDir,
    storageDir: o.storageDir,
    maxBodyBytes: o.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    log: o.log ?? ((line) => console.log(line)),
  };
}
