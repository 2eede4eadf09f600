// The stack heals: a second stack of its own (`npm start`'s cli on free ports and a fresh data
// folder) is hurt as an operator's machine would hurt it. kill -9 of PostgREST under load: /rest/v1
// answers 503 with a retry hint meanwhile (never 502) and works again within 10 s. kill -9 of the
// postmaster: it is restarted and the API answers again within 10 s. kill -9 of the Node process:
// Postgres and PostgREST are orphaned on their ports, and starting again works at once because
// the leftovers are found (postmaster.pid, postgrest.pid) and stopped.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../supabase/local/ports.ts";
import { projectRoot } from "../../supabase/local/stack.ts";

const dataDir = mkdtempSync(join(tmpdir(), "cgs-faults-"));
let env: NodeJS.ProcessEnv = {};
let base = "";
let anonKey = "";
let serviceKey = "";
let current: ChildProcess | undefined;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.startsWith("Z");
  } catch {
    return false;
  }
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pidOf = (file: string) => Number(readFileSync(join(dataDir, file), "utf8").split("\n")[0].trim());

/** Has a postmaster other than `victim` written its pid file? (The file is absent while it starts.) */
function postmasterReplaced(victim: number): boolean {
  try {
    return pidOf("pg/postmaster.pid") !== victim;
  } catch {
    return false;
  }
}

/** Starts `cli.ts start` and resolves once it prints that it is ready. */
function startCli(): Promise<{ child: ChildProcess; seconds: number }> {
  const began = Date.now();
  const child = spawn(process.execPath, ["--import", "tsx", "supabase/local/cli.ts", "start"], { cwd: projectRoot, env, stdio: ["ignore", "pipe", "pipe"] });
  current = child;
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready within 90 s:\n${output.slice(-3000)}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /ready in [\d.]+ s/.test(output) && /anon key:\s+(\S+)/.exec(output);
      if (ready) {
        clearTimeout(timer);
        anonKey = ready[1];
        resolve({ child, seconds: (Date.now() - began) / 1000 });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`cli exited with ${code}:\n${output.slice(-3000)}`));
    });
  });
}

function stopCli(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

const rest = (key = anonKey) =>
  fetch(`${base}/rest/v1/org_units?select=id&limit=1`, { headers: { apikey: key, authorization: `Bearer ${key}` }, signal: AbortSignal.timeout(5000) });

beforeAll(async () => {
  const [gateway, pgPort, restPort] = [await freePort(), await freePort(), await freePort()];
  base = `http://127.0.0.1:${gateway}`;
  env = { ...process.env, DATA_DIR: dataDir, GATEWAY_PORT: String(gateway), PG_PORT: String(pgPort), POSTGREST_PORT: String(restPort), HOST: "127.0.0.1" };
  for (const name of [
    "SUPABASE_URL",
    "SUPABASE_ANON_KEY",
    "SUPABASE_SERVICE_ROLE_KEY",
    "SUPABASE_JWT_SECRET",
    "SUPABASE_PUBLISHABLE_KEY",
    "SUPABASE_SECRET_KEY",
  ])
    delete env[name];
  await startCli();
  serviceKey = JSON.parse(readFileSync(join(dataDir, "keys.json"), "utf8")).serviceKey;
}, 120_000);

afterAll(async () => {
  if (current) await stopCli(current);
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

describe("a stack that heals", () => {
  it("/health reports every part ok", async () => {
    const response = await fetch(`${base}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ gateway: "ok", postgres: "ok", postgrest: "ok", auth: "ok", storage: "ok" });
  });

  it("kill -9 of PostgREST under load: 503 with a retry hint meanwhile, never 502, healthy again within 10 s", async () => {
    expect((await rest(serviceKey)).status).toBe(200);
    const victim = pidOf("postgrest.pid");
    expect(alive(victim)).toBe(true);

    const statuses: number[] = [];
    let loading = true;
    const load = (async () => {
      while (loading) {
        await Promise.all(
          Array.from({ length: 4 }, async () => {
            const response = await rest(serviceKey).catch(() => undefined);
            if (response) {
              statuses.push(response.status);
              await response.body?.cancel();
            }
          }),
        );
      }
    })();
    await sleep(300);
    process.kill(victim, "SIGKILL");
    const killedAt = Date.now();

    // Right after the kill, before the supervisor's first restart: the gateway says "come back soon".
    const during = await rest(serviceKey);
    expect(during.status).toBe(503);
    expect(during.headers.get("retry-after")).toBe("1");
    expect(await during.json()).toMatchObject({ code: "CG503", message: "data_api_unavailable" });
    const health = await fetch(`${base}/health`);
    if (health.status === 503) expect(await health.json()).toMatchObject({ postgrest: "fail", postgres: "ok" });

    let healedAfter = Infinity;
    while (Date.now() - killedAt < 10_000) {
      const response = await rest(serviceKey).catch(() => undefined);
      if (response?.status === 200) {
        healedAfter = Date.now() - killedAt;
        break;
      }
      await sleep(100);
    }
    loading = false;
    await load;
    expect(healedAfter).toBeLessThan(10_000);
    expect(statuses.filter((s) => s !== 200 && s !== 503)).toEqual([]);
    expect(statuses).toContain(200);
    expect(pidOf("postgrest.pid")).not.toBe(victim);
    expect((await fetch(`${base}/health`)).status).toBe(200);
  }, 30_000);

  it("kill -9 of the postmaster: Postgres is restarted and /rest/v1 and /health answer again within 10 s", async () => {
    const victim = pidOf("pg/postmaster.pid");
    process.kill(victim, "SIGKILL");
    const killedAt = Date.now();
    let healedAfter = Infinity;
    while (Date.now() - killedAt < 10_000) {
      const [data, health] = await Promise.all([rest(serviceKey).catch(() => undefined), fetch(`${base}/health`).catch(() => undefined)]);
      await data?.body?.cancel();
      await health?.body?.cancel();
      // healed means a new postmaster answering: right after the kill, a backend PostgREST still
      // holds can answer once before it notices its postmaster is gone
      if (data?.status === 200 && health?.status === 200 && postmasterReplaced(victim)) {
        healedAfter = Date.now() - killedAt;
        break;
      }
      await sleep(200);
    }
    expect(healedAfter).toBeLessThan(10_000);
    expect(pidOf("pg/postmaster.pid")).not.toBe(victim);
  }, 30_000);

  it("kill -9 of the Node process: Postgres and PostgREST are orphaned, and starting again works at once", async () => {
    const postmaster = pidOf("pg/postmaster.pid");
    const postgrest = pidOf("postgrest.pid");
    const node = current!;
    const exited = new Promise((resolve) => node.once("exit", resolve));
    node.kill("SIGKILL");
    await exited;
    await sleep(300);
    // The leftovers are really there, holding the ports.
    expect(alive(postmaster)).toBe(true);
    expect(alive(postgrest)).toBe(true);

    const { seconds } = await startCli();
    expect(seconds).toBeLessThan(45);
    expect(alive(postmaster)).toBe(false);
    expect(alive(postgrest)).toBe(false);
    expect(pidOf("pg/postmaster.pid")).not.toBe(postmaster);
    expect((await fetch(`${base}/health`)).status).toBe(200);
    expect((await rest(serviceKey)).status).toBe(200);
  }, 120_000);
});
