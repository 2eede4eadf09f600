// `npm run bench`: list queries of a scoped user under RLS against the raw baseline, on a
// stack of its own (temp data dir, free ports) with generated records of realistic size.
//   BENCH_RECORDS (200000)  generated records, on top of the demo seed's few hundred
//   BENCH_RUNS (30)         timed runs per query and caller, after BENCH_WARMUP (5)
// Prints a table of medians and ratios and the EXPLAIN of the user's count query, then what the
// revocation check (PostgREST's db-pre-request) costs per request (pre-request-cost.ts); never
// asserts a timing. Takes 8–10 minutes on 2 cores, mostly generating. Results: docs/benchmarks.md.
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { freePort } from "../../supabase/local/ports.ts";
import { startStack } from "../../supabase/local/stack.ts";
import { explainAsUser } from "./explain-as-user.ts";
import { generateRecords } from "./generate-records.ts";
import { measurePreRequest, printPreRequestCost } from "./pre-request-cost.ts";
import { printReport } from "./print-report.ts";
import { loggedOutStaff, signedInStaff } from "./scoped-user.ts";
import { measure, type Contender, type QuerySpec } from "./time-requests.ts";

const TOTAL = Number(process.env.BENCH_RECORDS ?? 200_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 5);
// 石家冲街道: a street office; its 9 grids get 10 % of the records, the other grids the rest.
const SCOPED_UNIT = "433101007";
const SCOPED_SHARE = 0.1;

const log = (line: string) => console.log(line);

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "cgs-bench-"));
  const restPort = await freePort();
  const stack = await startStack({
    dataDir,
    host: "127.0.0.1",
    pgPort: await freePort(),
    restPort,
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
    await db.query("set statement_timeout = 0");
    log(`generating ${TOTAL.toLocaleString("en")} records (all triggers on, import mode) …`);
    const began = Date.now();
    await generateRecords(db, { total: TOTAL, scopedUnitCode: SCOPED_UNIT, scopedShare: SCOPED_SHARE, batchSize: 10_000, log });
    await db.query("vacuum (analyze) public.records, public.record_events, public.record_attachments");
    const generatedIn = (Date.now() - began) / 1000;

    const user = await signedInStaff(stack, db, SCOPED_UNIT);
    const [{ id: gridEvent }] = (await db.query<{ id: string }>("select id from public.services where key = 'grid_event'")).rows;
    const scopeUnits = (
      await db.query<{ id: string }>(
        "select u.id from public.org_units u, public.org_units s where s.code = $1 and (u.path = s.path or u.path like s.path || '.%')",
        [SCOPED_UNIT],
      )
    ).rows.map((r) => r.id);
    const page = "order=created_at.desc&limit=20";
    const list = `/records?select=*&service_id=eq.${gridEvent}`;
    const queries: QuerySpec[] = [
      { title: "list page 1", path: `${list}&${page}`, count: false },
      { title: "list page 1 + exact count", path: `${list}&${page}`, count: true },
      { title: "status filter + exact count", path: `${list}&status=eq.grid_handling&${page}`, count: true },
      { title: "JSON field filter + exact count", path: `${list}&data->>urgency=eq.red&${page}`, count: true },
    ];
    // Baselines as service_role: the very same request; the live records only (the policy's
    // first condition, without which the partial indexes cannot serve); and exactly the rows
    // the policy admits, spelled out as filters.
    const contenders: Contender[] = [
      { label: "user", token: user.token, path: (q) => q.path },
      { label: "raw", token: stack.serviceKey, path: (q) => q.path },
      { label: "raw live", token: stack.serviceKey, path: (q) => `${q.path}&deleted_at=is.null` },
      { label: "raw same rows", token: stack.serviceKey, path: (q) => `${q.path}&deleted_at=is.null&org_unit_id=in.(${scopeUnits.join(",")})` },
    ];
    log(`measuring ${queries.length} queries × ${RUNS} runs (after ${WARMUP} warm-up) …`);
    const measured = await measure(`http://127.0.0.1:${restPort}`, contenders, queries, { warmup: WARMUP, runs: RUNS });

    const counts = (
      await db.query<{ total: number; visible: number }>(
        `select count(*)::int as total,
                count(*) filter (where r.org_unit_id = any ($1::uuid[]))::int as visible
           from public.records r where r.deleted_at is null`,
        [scopeUnits],
      )
    ).rows[0];
    const plan = await explainAsUser(db, user.id, "select count(*) from (select 1 from public.records where service_id = $1) t", [gridEvent]);
    const pagePlan = await explainAsUser(db, user.id, "select * from public.records where service_id = $1 order by created_at desc limit 20", [gridEvent]);
    log(`measuring the revocation check (db-pre-request) on and off …`);
    const revoked = await loggedOutStaff(stack, db, SCOPED_UNIT);
    const preRequest = await measurePreRequest(db, `http://127.0.0.1:${restPort}`, user.token, revoked.token, "/org_units?select=id&limit=1", RUNS * 4);
    const version = (await db.query<{ server_version: string }>("show server_version")).rows[0].server_version;
    printReport({
      measured,
      counts,
      plan,
      pagePlan,
      meta: {
        generatedIn,
        runs: RUNS,
        warmup: WARMUP,
        machine: `${cpus().length} cores (${cpus()[0]?.model ?? "unknown CPU"}), PostgreSQL ${version}, PostgREST 12.0.2`,
        user: `staff at ${SCOPED_UNIT} 石家冲街道`,
      },
    });
    printPreRequestCost(preRequest);
  } finally {
    await db.end().catch(() => undefined);
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    process.exit(1);
  },
);
