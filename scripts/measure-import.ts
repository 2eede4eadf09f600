// `npm run measure:import [-- --rows N --chunks 1000,2000 --households]`: the residents import's throughput
// (issue 12, item 7: "50,000 rows must work"). On a stack of its own (temporary data directory,
// free ports, the demo seed), staff@demo.local sends N synthetic residents (valid GB 11643
// numbers under area code 433199, names and addresses saying 合成: never a real person; the
// stack is thrown away afterwards) to public.import_residents through PostgREST, exactly as the
// import wizard does: one batch id per upload, chunks of C rows in sequence, each call all or
// nothing. For each chunk size it reports rows/s and per-call latency (p50, max) of
//   1. a dry run of every row (the wizard's validation pass: everything is written, then undone),
//   2. the write (new people, each with a 'created' event),
//   3. the same sheet again (every person found by the blind index, nothing to change).
// Calls run as role authenticated, whose statement_timeout (8 s, as hosted) bounds a chunk: a
// chunk that times out is reported, not retried. With --households every four rows share a 户号
// (户主, 配偶, 子, 女), so each row also joins or registers a household. Never asserts a timing.
// Results: docs/residents.md.
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { freePort } from "../supabase/local/ports.ts";
import { startStack, type RunningStack } from "../supabase/local/stack.ts";
import { syntheticResidentRow } from "../tests/support/synthetic-residents.ts";

const AREA = "433199";
const GRIDS = ["433101009001001", "433101009001002", "433101009001003"]; // 牯牛坪社区's grids: staff@'s scope

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
}

const ROWS = Number(option("rows", "50000"));
const HOUSEHOLDS = process.argv.includes("--households");
const RELATIONS = ["户主", "配偶", "子", "女"];
const CHUNKS = option("chunks", "1000,2000")
  .split(",")
  .map(Number)
  .filter((n) => n > 0 && n <= 2000);

type Outcome = { created: number; updated: number; unchanged: number; errors: unknown[]; written: boolean };
type Pass = {
  label: string;
  chunk: number;
  seconds: number;
  rowsPerSecond: number;
  p50: number;
  max: number;
  failed: string[];
  totals: Record<string, number>;
};

async function signIn(stack: RunningStack): Promise<string> {
  const res = await fetch(`${stack.url}/auth/v1/token?grant_type=password`, {
    method: "POST",
    headers: { apikey: stack.anonKey, "content-type": "application/json" },
    body: JSON.stringify({ email: "staff@demo.local", password: "Demo@2026" }),
  });
  const json = (await res.json()) as { access_token?: string };
  if (!res.ok || !json.access_token) throw new Error(`sign-in → HTTP ${res.status}`);
  return json.access_token;
}

async function importChunk(stack: RunningStack, token: string, batch: string, rows: unknown[], dryRun: boolean): Promise<Outcome> {
  const res = await fetch(`${stack.url}/rest/v1/rpc/import_residents`, {
    method: "POST",
    headers: { apikey: stack.anonKey, authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ p_batch_id: batch, p_rows: rows, p_dry_run: dryRun, p_file_name: "合成居民.xlsx" }),
  });
  const body = await res.text();
  if (!res.ok) throw new Error(`HTTP ${res.status}: ${body.slice(0, 200)}`);
  return JSON.parse(body) as Outcome;
}

async function pass(stack: RunningStack, token: string, label: string, rows: unknown[], chunk: number, dryRun: boolean): Promise<Pass> {
  const batch = randomUUID();
  const latencies: number[] = [];
  const failed: string[] = [];
  const totals: Record<string, number> = { created: 0, updated: 0, unchanged: 0, errors: 0 };
  const began = performance.now();
  for (let at = 0; at < rows.length; at += chunk) {
    const t = performance.now();
    try {
      const outcome = await importChunk(stack, token, batch, rows.slice(at, at + chunk), dryRun);
      for (const key of ["created", "updated", "unchanged"] as const) totals[key] += outcome[key];
      totals.errors += outcome.errors.length;
    } catch (e) {
      failed.push(`rows ${at + 2}–${Math.min(at + chunk, rows.length) + 1}: ${e instanceof Error ? e.message : String(e)}`);
    }
    latencies.push(performance.now() - t);
    if ((at / chunk) % 10 === 9) console.error(`  ${label} @${chunk}: ${Math.min(at + chunk, rows.length).toLocaleString("en")} rows`);
  }
  const seconds = (performance.now() - began) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    label,
    chunk,
    seconds,
    rowsPerSecond: rows.length / seconds,
    p50: latencies[Math.floor(latencies.length / 2)],
    max: latencies[latencies.length - 1],
    failed,
    totals,
  };
}

async function main(): Promise<void> {
  const loadBefore = loadavg();
  const dataDir = mkdtempSync(join(tmpdir(), "cgs-import-"));
  const stack = await startStack({
    dataDir,
    host: "127.0.0.1",
    pgPort: await freePort(),
    restPort: await freePort(),
    gatewayPort: await freePort(),
    seed: true,
    reset: true,
    log: (line) => {
      if (/FATAL|PANIC|failed|exited/i.test(line)) process.stderr.write(`[stack] ${line}\n`);
    },
  });
  const db = new pg.Client({ connectionString: stack.dbUrl });
  try {
    await db.connect();
    const grids = (await db.query<{ id: string }>("select id from public.org_units where code = any ($1) order by code", [GRIDS])).rows.map((r) => r.id);
    const token = await signIn(stack);
    const results: Pass[] = [];
    for (const chunk of CHUNKS) {
      // each chunk size imports its own people (another sequence block of the area code)
      const offset = results.length * 1_000_000;
      const rows = Array.from({ length: ROWS }, (_, i) => {
        const row = syntheticResidentRow(offset + i, AREA, grids[i % grids.length], `测${chunk}`);
        if (HOUSEHOLDS) Object.assign(row.values, { household_number: `合成${chunk}-${Math.floor(i / 4)}`, relation: RELATIONS[i % 4] });
        return row;
      });
      for (const [label, dryRun] of [
        ["dry run", true],
        ["write", false],
        ["again (unchanged)", false],
      ] as const) {
        console.error(`${label}, ${ROWS.toLocaleString("en")} rows in chunks of ${chunk} …`);
        results.push(await pass(stack, token, label, rows, chunk, dryRun));
      }
    }
    const [{ n }] = (await db.query<{ n: string }>("select count(*) n from public.residents where address like '合成数据%'")).rows;
    console.log(
      `\nResidents import through PostgREST as staff@demo.local, ${ROWS.toLocaleString("en")} synthetic rows per chunk size` +
        (HOUSEHOLDS ? ", four to a household (户号, 与户主关系)" : ""),
    );
    console.log(
      `(load average before ${loadBefore.map((l) => l.toFixed(2)).join(" ")}, after ${loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}; 2 cores shared)\n`,
    );
    console.log(
      "| pass | rows per call | seconds | rows/s | p50 per call (ms) | max per call (ms) | created / updated / unchanged | row errors | failed calls |",
    );
    console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    for (const r of results) {
      console.log(
        `| ${r.label} | ${r.chunk.toLocaleString("en")} | ${r.seconds.toFixed(1)} | ${Math.round(r.rowsPerSecond)} | ${Math.round(r.p50)} | ${Math.round(r.max)} | ` +
          `${r.totals.created} / ${r.totals.updated} / ${r.totals.unchanged} | ${r.totals.errors} | ${r.failed.length} |`,
      );
    }
    for (const r of results) for (const f of r.failed) console.log(`failed (${r.label} @${r.chunk}): ${f}`);
    console.log(`\nresidents written by the runs: ${Number(n).toLocaleString("en")}`);
  } finally {
    await db.end();
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
