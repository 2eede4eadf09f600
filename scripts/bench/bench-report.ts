// The benchmark's output: a Markdown report on stdout (the results table with the issue's
// targets, who saw how many records, throughput, the run's facts) and every raw timing in a JSON
// file, so a run can be pasted into docs/benchmarks.md and re-analysed later.
import { writeFileSync } from "node:fs";
import { resultsTable, type BenchResult } from "./bench-results.ts";
import { markdownTable, ms, times } from "./markdown-table.ts";
import type { Throughput } from "./measure-throughput.ts";

export type CallerSeen = { label: string; unit: string; engineTotal: number | null; typedTotal: number | null; liveTotal: number };

export type BenchReport = {
  meta: {
    date: string;
    machine: string;
    postgres: string;
    postgrest: string;
    records: number;
    liveGridEvents: number;
    seedingSeconds: number;
    baselineSeconds: number;
    baselineRows: number;
    runs: number;
    warmup: number;
    fieldColumns: Record<string, string>;
    loadBefore: number[];
    loadAfter: number[];
  };
  seen: CallerSeen[];
  results: BenchResult[];
  throughput: { query: string; caller: string } & ({ engine: Throughput; typed: Throughput } | { error: string });
  raw: unknown;
  preRequest?: unknown;
  plans?: unknown;
};

const share = (n: number | null, of: number) => (n === null || !of ? "—" : `${((100 * n) / of).toFixed(1)} %`);
const count = (n: number | null) => (n === null ? "—" : n.toLocaleString("en"));

function printThroughput(t: { query: string; caller: string; engine: Throughput; typed: Throughput }): void {
  console.log(`\nThroughput, ${t.query} as ${t.caller}, ${t.engine.connections} concurrent request loops:\n`);
  console.log(
    markdownTable(
      [
        { title: "side" },
        { title: "requests/s", numeric: true },
        { title: "p50 ms", numeric: true },
        { title: "p99 ms", numeric: true },
        { title: "requests", numeric: true },
      ],
      (["engine", "typed"] as const).map((side) => [
        side,
        t[side].perSecond.toFixed(1),
        ms(t[side].latency.p50),
        ms(t[side].latency.p99),
        String(t[side].requests),
      ]),
    ),
  );
  console.log(
    `\nengine ÷ typed: ${times(t.typed.perSecond / t.engine.perSecond)} the time per request at ${t.engine.connections} connections (typed requests/s ÷ engine requests/s)`,
  );
}

export function printBenchReport(r: BenchReport): void {
  const m = r.meta;
  console.log(`\n## Results (${m.date})\n`);
  console.log(
    `- machine: ${m.machine}; load average ${m.loadBefore.map((l) => l.toFixed(1)).join(" ")} before, ${m.loadAfter.map((l) => l.toFixed(1)).join(" ")} after`,
  );
  console.log(`- PostgreSQL ${m.postgres}, ${m.postgrest}`);
  console.log(
    `- ${m.records.toLocaleString("en")} generated records (all services) seeded in ${m.seedingSeconds.toFixed(0)} s (${Math.round(m.records / m.seedingSeconds)}/s, all triggers on); ` +
      `${m.liveGridEvents.toLocaleString("en")} live grid events; typed baseline of ${m.baselineRows.toLocaleString("en")} rows built in ${m.baselineSeconds.toFixed(0)} s`,
  );
  console.log(`- ${m.runs} timed runs per query, caller and side after ${m.warmup} warm-up, engine and typed interleaved; creates in alternating blocks`);
  console.log(
    `- engine field columns: ${Object.entries(m.fieldColumns)
      .map(([k, v]) => `${k} → \`${v}\``)
      .join(", ")}\n`,
  );
  console.log(
    markdownTable(
      [
        { title: "caller" },
        { title: "unit" },
        { title: "engine sees", numeric: true },
        { title: "typed sees", numeric: true },
        { title: "share", numeric: true },
      ],
      r.seen.map((s) => [s.label, s.unit, count(s.engineTotal), count(s.typedTotal), share(s.engineTotal, s.liveTotal)]),
    ),
  );
  for (const s of r.seen) {
    if (s.engineTotal !== s.typedTotal)
      console.log(`\n⚠ **WARNING: ${s.label} sees ${count(s.engineTotal)} engine records but ${count(s.typedTotal)} typed rows**`);
  }
  console.log("\n" + resultsTable(r.results));
  const t = r.throughput;
  if ("error" in t) {
    console.log(`\n⚠ **Throughput, ${t.query} as ${t.caller}: failed: ${t.error}**`);
  } else {
    printThroughput(t);
  }
  const warnings = r.results.flatMap((x) => x.warnings);
  if (warnings.length)
    console.log(
      `\n⚠ **${warnings.length} baseline check(s) failed: the typed table does not hold the same records or apply the same rule. Ratios above are not comparable.**`,
    );
}

export function writeBenchJson(file: string, r: BenchReport): void {
  writeFileSync(file, JSON.stringify(r, null, 2) + "\n");
}
