// `npm run bench -- [--records N] [--runs R] [--json FILE] …` (bench-options.ts): the engine's
// grid_event against a hand-written typed table holding the same records with the same access
// rule (typed-baseline.ts), both through real PostgREST with real JWTs, for a staff member who
// reads ≈ 10 % of the records and a leader who reads ≈ all of them. On a stack of its own
// (temporary data directory, free ports), seeded by `npm run seed`'s generator. Prints p50/p95/p99
// per query, caller and side with the engine ÷ typed ratio against the targets, and
// throughput at 10 connections; writes every timing to the JSON file. Never asserts a timing;
// warns loudly when the two sides disagree on what a caller sees. Results: docs/benchmarks.md.
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join, resolve } from "node:path";
import pg from "pg";
import { freePort } from "../../supabase/local/ports.ts";
import { startStack } from "../../supabase/local/stack.ts";
import { parseBenchOptions } from "./bench-options.ts";
import { benchQueries } from "./bench-queries.ts";
import { printBenchReport, writeBenchJson, type CallerSeen } from "./bench-report.ts";
import { toResult } from "./bench-results.ts";
import { fieldColumn } from "./field-column.ts";
import { explainQueries, printPlans, type Plans } from "./explain-queries.ts";
import { generateRecords } from "./generate-records.ts";
import { measureCreates } from "./measure-creates.ts";
import { measureQueries, type Caller } from "./measure-queries.ts";
import { measureThroughput } from "./measure-throughput.ts";
import { measurePreRequest, printPreRequestCost, type PreRequestCost } from "./pre-request-cost.ts";
import { loggedOutStaff, signedInMember } from "./scoped-user.ts";
import { benchUnits } from "./bench-units.ts";
import { buildTypedBaseline } from "./typed-baseline.ts";
import { waitForTable } from "./wait-for-table.ts";

// 石家冲街道: a street office; its grids get 10 % of the records (the generator's scoped share).
const SCOPED_UNIT = "433101007";
const SCOPED_SHARE = 0.1;

const log = (line: string) => console.error(line);

async function main(): Promise<void> {
  const o = parseBenchOptions(process.argv.slice(2), process.env);
  const loadBefore = loadavg();
  const dataDir = mkdtempSync(join(tmpdir(), "cgs-bench-"));
  const restPort = await freePort();
  const baseUrl = `http://127.0.0.1:${restPort}`;
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
  const helper = new pg.Client({ connectionString: stack.dbUrl });
  try {
    await Promise.all([db.connect(), helper.connect()]);
    await db.query("set statement_timeout = 0");
    log(`seeding ${o.records.toLocaleString("en")} records with npm run seed's generator (all triggers on) …`);
    const began = Date.now();
    await generateRecords(db, { total: o.records, scopedUnitCode: SCOPED_UNIT, scopedShare: SCOPED_SHARE, batchSize: 2_000, log, moreClients: [helper] });
    await db.query("vacuum (analyze) public.records, public.record_events, public.record_participants, public.record_attachments");
    const seedingSeconds = (Date.now() - began) / 1000;

    const [{ id: serviceId }] = (await db.query<{ id: string }>("select id from public.services where key = 'grid_event'")).rows;
    log("building the typed baseline …");
    const baseline = await buildTypedBaseline(db, serviceId);
    const units = await benchUnits(db, serviceId, SCOPED_UNIT);
    const staff = await signedInMember(stack, db, SCOPED_UNIT, "staff");
    const leader = await signedInMember(stack, db, units.leader.code, "leader");
    const callers: Caller[] = [
      { key: "staff", label: `staff, ${units.staff.name}`, token: staff.token },
      { key: "leader", label: `leader, ${units.leader.name}`, token: leader.token },
    ];
    await waitForTable(baseUrl, staff.token, "grid_events_typed");

    const filter = await fieldColumn(db, serviceId, "urgency");
    const sort = await fieldColumn(db, serviceId, "category");
    const queries = benchQueries({ serviceId, filter, filterValue: "red", sort });
    log(`measuring ${queries.length} queries × ${callers.length} callers × 2 sides × ${o.runs} runs (after ${o.warmup} warm-up) …`);
    const timings = await measureQueries(baseUrl, callers, queries, { runs: o.runs, warmup: o.warmup, log });

    // plans are for reading, never a reason to lose the run's figures
    const plans: Record<string, Plans | string> = {};
    for (const [caller, user] of [
      [callers[0], staff],
      [callers[1], leader],
    ] as const) {
      plans[caller.label] = await explainQueries(db, user.id, { serviceId, filter, filterValue: "red", sort }).catch(
        (e: unknown) => `EXPLAIN failed: ${String(e)}`,
      );
    }

    log(`throughput: ${o.connections} connections × ${o.throughputSeconds} s per side …`);
    const list = queries.find((q) => q.key === "list")!;
    const throughput = await measureThroughput(baseUrl, leader.token, list, { connections: o.connections, seconds: o.throughputSeconds }).catch(
      (e: unknown) => ({ error: e instanceof Error ? e.message : String(e) }),
    );

    log(`single creates as ${callers[0].label} …`);
    const creates = await measureCreates(
      baseUrl,
      { ...callers[0], userId: staff.id },
      { serviceId, grid: units.createGrid, runs: o.runs, warmup: Math.min(o.warmup, 3) },
    );

    let preRequest: PreRequestCost | string | undefined;
    if (o.preRequest) {
      log("measuring the revocation check (db-pre-request) on and off …");
      const revoked = await loggedOutStaff(stack, db, SCOPED_UNIT);
      preRequest = await measurePreRequest(db, baseUrl, staff.token, revoked.token, "/org_units?select=id&limit=1", o.runs * 2).catch(
        (e: unknown) => `failed: ${String(e)}`,
      );
    }

    const results = [
      ...timings.map((t) => toResult({ ...t.query, caller: t.caller.label, engine: t.engine, typed: t.typed, error: t.error })),
      toResult({
        title: "single create (validation trigger)",
        caller: callers[0].label,
        kind: "create",
        engine: { ms: creates.engine },
        typed: { ms: creates.typed },
        error: creates.error,
      }),
    ];
    const exact = (caller: string) => timings.find((t) => t.caller.key === caller && t.query.key === "list_exact")!;
    const seen: CallerSeen[] = [
      {
        label: callers[0].label,
        unit: units.staff.unit,
        engineTotal: exact("staff").engine.first?.total ?? null,
        typedTotal: exact("staff").typed.first?.total ?? null,
        liveTotal: units.liveTotal,
      },
      {
        label: callers[1].label,
        unit: units.leader.unit,
        engineTotal: exact("leader").engine.first?.total ?? null,
        typedTotal: exact("leader").typed.first?.total ?? null,
        liveTotal: units.liveTotal,
      },
    ];
    const version = (await db.query<{ server_version: string }>("show server_version")).rows[0].server_version;
    const server =
      (await fetch(`${baseUrl}/`, { headers: { authorization: `Bearer ${stack.serviceKey}` } })).headers.get("server") ?? "PostgREST (version not reported)";
    const report = {
      meta: {
        date: new Date().toISOString(),
        machine: `${cpus().length} cores (${cpus()[0]?.model ?? "unknown CPU"}), ${Math.round(totalmem() / 2 ** 30)} GB`,
        postgres: version,
        postgrest: server.replace("postgrest/", "PostgREST "),
        records: o.records,
        liveGridEvents: units.liveTotal,
        seedingSeconds,
        baselineSeconds: baseline.seconds,
        baselineRows: baseline.rows,
        runs: o.runs,
        warmup: o.warmup,
        fieldColumns: { [filter.key]: filter.filter, [`${sort.key} (sort)`]: sort.sort },
        loadBefore,
        loadAfter: loadavg(),
      },
      seen,
      results,
      throughput: { query: list.title, caller: callers[1].label, ...throughput },
      raw: {
        queries: timings.map((t) => ({ query: t.query, caller: t.caller.label, engine: t.engine, typed: t.typed })),
        creates: { caller: creates.caller.label, engine: creates.engine, typed: creates.typed, blocks: creates.blocks, error: creates.error },
      },
      preRequest,
      plans,
    };
    printBenchReport(report);
    if (typeof preRequest === "string") console.log(`\n⚠ **The revocation check's measurement ${preRequest}**`);
    else if (preRequest) printPreRequestCost(preRequest);
    if (o.explain) printPlans(plans);
    writeBenchJson(o.json, report);
    log(`\nraw figures: ${resolve(o.json)}`);
  } finally {
    await Promise.all([db.end().catch(() => undefined), helper.end().catch(() => undefined)]);
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
