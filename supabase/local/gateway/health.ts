// GET /health: one answer for every part of the local stack, so a supervisor, a test or a
// person can tell which part is down instead of guessing from a 502. 200 when all are ok, 503
// otherwise. Hosted Supabase has no such route; it exists for the local stand-in only.
import { mkdir, access, constants } from "node:fs/promises";
import type { ServerResponse } from "node:http";
import { sendJson } from "./http.ts";
import type { GatewayConfig } from "./options.ts";

export type PartState = "ok" | "fail";
export type HealthReport = { gateway: PartState; postgres: PartState; postgrest: PartState; auth: PartState; storage: PartState };

const TIMEOUT_MS = 2000;

async function probe(what: string, config: GatewayConfig, check: () => Promise<unknown>): Promise<PartState> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
      }),
    ]);
    return "ok";
  } catch (error) {
    config.log(`health: ${what} failed: ${error instanceof Error ? error.message : String(error)}`);
    return "fail";
  } finally {
    clearTimeout(timer);
  }
}

export async function checkHealth(config: GatewayConfig): Promise<HealthReport> {
  const [postgres, postgrest, auth, storage] = await Promise.all([
    probe("postgres", config, () => config.pool.query("select 1")),
    probe("postgrest", config, async () => {
      const response = await fetch(`${config.postgrestUrl}/`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
      await response.body?.cancel();
      if (response.status >= 500) throw new Error(`status ${response.status}`);
    }),
    // The auth stand-in lives in this process; it is up when its tables answer.
    probe("auth", config, () => config.pool.query("select 1 from auth.users limit 1")),
    probe("storage", config, async () => {
      await config.pool.query("select 1 from storage.buckets limit 1");
      await mkdir(config.storageDir, { recursive: true });
      await access(config.storageDir, constants.R_OK | constants.W_OK);
    }),
  ]);
  return { gateway: "ok", postgres, postgrest, auth, storage };
}

export async function sendHealth(res: ServerResponse, config: GatewayConfig): Promise<void> {
  const report = await checkHealth(config);
  const healthy = Object.values(report).every((state) => state === "ok");
  sendJson(res, healthy ? 200 : 503, report, { "cache-control": "no-store" });
}
