// The embedded default: PostgreSQL + PostgREST + the gateway on one machine, from npm
// packages only. Hosted Supabase replaces all of this in production.
import pg from "pg";
import { rmSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadOrCreateKeys } from "./keys.ts";
import { startPostgres } from "./postgres.ts";
import { startPostgrest } from "./postgrest.ts";
import { stopLeftoverPostgres, stopLeftoverPostgrest } from "./leftovers.ts";
import { placePostgres } from "./pg-placement.ts";
import { placeDemoFiles } from "./demo-files.ts";
import { migrate } from "./migrate.ts";
import { startGateway } from "./gateway/server.ts";

export const projectRoot = resolve(fileURLToPath(new URL("../..", import.meta.url)));

export type StackOptions = {
  dataDir: string;
  host: string;
  pgPort: number;
  restPort: number;
  gatewayPort: number;
  seed: boolean;
  reset?: boolean;
  /** The origin browsers use when the stack sits behind a proxy (SUPABASE_PUBLIC_URL). */
  publicUrl?: string;
  /** The built SPA to serve; default dist/ (scripts/measure-first-load.ts serves an older build). */
  staticDir?: string;
  log: (line: string) => void;
};

export type RunningStack = {
  url: string;
  anonKey: string;
  serviceKey: string;
  /** New-format keys: sb_publishable_… acts as anonKey, sb_secret_… as serviceKey. */
  publishableKey: string;
  secretKey: string;
  jwtSecret: string;
  /** `postgres` with hosted's rights: what migrations, seed and tests use. */
  dbUrl: string;
  /** The superuser, reserved for the platform's own parts (the auth and storage stand-ins). */
  adminDbUrl: string;
  applied: string[];
  seeded: boolean;
  stop(): Promise<void>;
};

export function stackOptionsFromEnv(overrides: Partial<StackOptions> = {}): StackOptions {
  return {
    dataDir: resolve(process.env.DATA_DIR ?? join(projectRoot, ".local")),
    host: process.env.HOST ?? "127.0.0.1",
    pgPort: Number(process.env.PG_PORT ?? 54330),
    restPort: Number(process.env.POSTGREST_PORT ?? 54331),
    gatewayPort: Number(process.env.GATEWAY_PORT ?? process.env.PORT ?? 54321),
    seed: true,
    publicUrl: process.env.SUPABASE_PUBLIC_URL || undefined,
    log: (line) => process.stderr.write(`${line}\n`),
    ...overrides,
  };
}

export async function startStack(o: StackOptions): Promise<RunningStack> {
  const placement = placePostgres(o.dataDir, o.log);
  // A run killed without cleanup (kill -9, closed terminal) leaves these behind on our ports.
  await stopLeftoverPostgrest(join(o.dataDir, "postgrest.pid"), o.log);
  await stopLeftoverPostgres(placement.dataDir, o.log);
  if (o.reset) {
    rmSync(placement.dataDir, { recursive: true, force: true });
    rmSync(join(o.dataDir, "storage"), { recursive: true, force: true });
  }
  mkdirSync(o.dataDir, { recursive: true });
  const keys = loadOrCreateKeys(join(o.dataDir, "keys.json"));
  const quiet = (line: string) => {
    if (/ERROR|FATAL|PANIC|failed|error|restart/i.test(line)) o.log(line);
  };
  const postgres = await startPostgres({
    dir: placement.dataDir,
    port: o.pgPort,
    password: keys.dbPassword,
    log: quiet,
    embeddedModule: placement.embeddedModule,
  });
  const stops: Array<() => Promise<void>> = [postgres.stop];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((e) => o.log(`stop: ${String(e)}`));
    stops.length = 0;
  };
  try {
    const { applied, seeded } = await migrate({
      dbUrl: postgres.url,
      adminDbUrl: postgres.adminUrl,
      dbPassword: keys.dbPassword,
      root: projectRoot,
      fresh: postgres.fresh,
      seed: o.seed,
      authenticatorPassword: keys.authenticatorPassword,
      log: o.log,
    });
    const postgrest = await startPostgrest({
      port: o.restPort,
      dbPort: o.pgPort,
      authenticatorPassword: keys.authenticatorPassword,
      jwtSecret: keys.jwtSecret,
      pidFile: join(o.dataDir, "postgrest.pid"),
      log: o.log,
    });
    stops.push(postgrest.stop);
    // The gateway stands in for GoTrue and Storage, which hosted runs as their own admin roles.
    const pool = new pg.Pool({ connectionString: postgres.adminUrl, max: 10 });
    // An idle connection cut by a Postgres restart must not take the whole process down.
    pool.on("error", (error) => o.log(`gateway pool: ${error.message}`));
    stops.push(() => pool.end());
    if (seeded) o.log(`demo files: ${await placeDemoFiles(pool, join(o.dataDir, "storage"))} placeholders for seeded attachments`);
    const gateway = await startGateway({
      host: o.host,
      port: o.gatewayPort,
      pool,
      postgrestUrl: postgrest.url,
      jwtSecret: keys.jwtSecret,
      anonKey: keys.anonKey,
      serviceKey: keys.serviceKey,
      publishableKey: keys.publishableKey,
      secretKey: keys.secretKey,
      publicUrl: o.publicUrl,
      staticDir: o.staticDir ?? join(projectRoot, "dist"),
      storageDir: join(o.dataDir, "storage"),
      log: o.log,
    });
    stops.push(gateway.close);
    return {
      url: gateway.url,
      anonKey: keys.anonKey,
      serviceKey: keys.serviceKey,
      publishableKey: keys.publishableKey,
      secretKey: keys.secretKey,
      jwtSecret: keys.jwtSecret,
      dbUrl: postgres.url,
      adminDbUrl: postgres.adminUrl,
      applied,
      seeded,
      stop: stopAll,
    };
  } catch (e) {
    await stopAll();
    throw e;
  }
}
