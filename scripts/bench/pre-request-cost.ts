// What the revocation check costs per request (issue 7): PostgREST runs private.check_request()
// (session still in auth.sessions, user neither banned nor deleted) before every Data API query.
// Measured two ways, in the same run:
//   * in SQL: the function alone, called CALLS times in one statement as the signed-in user with
//     their real claims — the database's cost per request without HTTP noise;
//   * over HTTP: the same request as the user with the pre-request on and switched off
//     (`alter role authenticator reset pgrst.db_pre_request` + `reload config`), in alternating
//     blocks so both see the same machine load; medians. Each switch is confirmed with a
//     logged-out token (refused when on, served when off) before timing. Restores the setting
//     whatever happens.
import type pg from "pg";
import { median, requestOnce } from "./time-requests.ts";

export type PreRequestCost = { sqlMicros: number; calls: number; withMs: number; withoutMs: number; runs: number; path: string };

const SETTING = "private.check_request";
const CALLS = 20_000;
const BLOCKS = 6;

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString("utf8")) as Record<string, unknown>;
}

async function sqlCostMicros(db: pg.Client, token: string): Promise<number> {
  await db.query("begin");
  try {
    await db.query("set local role authenticated");
    await db.query("select set_config('request.jwt.claims', $1, true)", [JSON.stringify(claimsOf(token))]);
    await db.query("select private.check_request()"); // warm the plan cache
    const began = performance.now();
    await db.query(`do $$ begin for i in 1..${CALLS} loop perform private.check_request(); end loop; end $$`);
    return ((performance.now() - began) * 1000) / CALLS;
  } finally {
    await db.query("rollback");
  }
}

async function status(baseUrl: string, token: string, path: string): Promise<number> {
  const res = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  await res.arrayBuffer();
  return res.status;
}

/** Switches the pre-request and waits until PostgREST has reloaded (seen with the revoked token). */
async function setPreRequest(db: pg.Client, baseUrl: string, revokedToken: string, path: string, on: boolean): Promise<void> {
  await db.query(on ? `alter role authenticator set pgrst.db_pre_request = '${SETTING}'` : "alter role authenticator reset pgrst.db_pre_request");
  await db.query("notify pgrst, 'reload config'");
  const deadline = Date.now() + 10_000;
  while ((await status(baseUrl, revokedToken, path)) !== (on ? 401 : 200)) {
    if (Date.now() > deadline) throw new Error(`PostgREST did not ${on ? "enable" : "disable"} the pre-request within 10 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * `token`: a signed-in user's live token; `revokedToken`: a token of a session already logged
 * out (proves each switch took effect).
 */
export async function measurePreRequest(
  db: pg.Client,
  baseUrl: string,
  token: string,
  revokedToken: string,
  path: string,
  runs: number,
): Promise<PreRequestCost> {
  const sqlMicros = await sqlCostMicros(db, token);
  const samples = { with: [] as number[], without: [] as number[] };
  const perBlock = Math.max(1, Math.ceil(runs / BLOCKS));
  try {
    for (let block = 0; block < BLOCKS * 2; block += 1) {
      const on = block % 2 === 0;
      await setPreRequest(db, baseUrl, revokedToken, path, on);
      for (let i = 0; i < 3; i += 1) await requestOnce(baseUrl, token, path, false); // warm-up after the reload
      for (let i = 0; i < perBlock; i += 1) (on ? samples.with : samples.without).push((await requestOnce(baseUrl, token, path, false)).ms);
    }
  } finally {
    await setPreRequest(db, baseUrl, revokedToken, path, true);
  }
  return { sqlMicros, calls: CALLS, withMs: median(samples.with), withoutMs: median(samples.without), runs: samples.with.length, path };
}

export function printPreRequestCost(c: PreRequestCost): void {
  console.log("\n### What the revocation check costs (db-pre-request `private.check_request()`)\n");
  console.log(`- in SQL, as the user with their claims: ${c.sqlMicros.toFixed(1)} µs per call (mean of ${c.calls.toLocaleString("en")} calls)`);
  console.log(`- over HTTP, \`${c.path}\`, medians of ${c.runs} runs each, alternating blocks:\n`);
  console.log("| pre-request | median ms |");
  console.log("|---|---:|");
  console.log(`| on | ${c.withMs.toFixed(2)} |`);
  console.log(`| off | ${c.withoutMs.toFixed(2)} |`);
  console.log(`| difference | ${(c.withMs - c.withoutMs).toFixed(2)} |`);
}
