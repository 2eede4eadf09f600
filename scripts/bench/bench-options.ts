// `npm run bench -- [--records N] [--runs R] [--warmup W] [--json FILE] [--seconds S] [--connections C] [--pre-request] [--explain]`
// Flags win over the environment (BENCH_RECORDS, BENCH_RUNS, BENCH_WARMUP, BENCH_JSON,
// BENCH_THROUGHPUT_SECONDS), which wins over the defaults: 1,000,000 records, 60 timed runs per
// query, caller and contender after 5 warm-up runs, bench-results.json in the working directory,
// 15 s of 10 concurrent request loops per contender for the throughput.
import { parseArgs } from "node:util";

export type BenchOptions = {
  records: number;
  runs: number;
  warmup: number;
  json: string;
  throughputSeconds: number;
  connections: number;
  /** Also measure what the revocation check (db-pre-request) costs per request (pre-request-cost.ts). */
  preRequest: boolean;
  /** Print the EXPLAIN (ANALYZE) of the main queries (always written to the JSON file). */
  explain: boolean;
};

export const benchUsage =
  "用法 / usage: npm run bench -- [--records N] [--runs R] [--warmup W] [--json FILE] [--seconds S] [--connections C] [--pre-request] [--explain]";

function whole(name: string, text: string | undefined, fallback: number, min: number): number {
  if (text === undefined || text === "") return fallback;
  const value = Number(text.replace(/[_,]/g, ""));
  if (!Number.isInteger(value) || value < min) throw new Error(`--${name} ${text}: 应为 ≥ ${min} 的整数 / must be a whole number ≥ ${min}\n${benchUsage}`);
  return value;
}

export function parseBenchOptions(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      records: { type: "string" },
      runs: { type: "string" },
      warmup: { type: "string" },
      json: { type: "string" },
      seconds: { type: "string" },
      connections: { type: "string" },
      "pre-request": { type: "boolean", default: false },
      explain: { type: "boolean", default: false },
    },
  });
  return {
    records: whole("records", values.records ?? env.BENCH_RECORDS, 1_000_000, 1),
    runs: whole("runs", values.runs ?? env.BENCH_RUNS, 60, 1),
    warmup: whole("warmup", values.warmup ?? env.BENCH_WARMUP, 5, 0),
    json: values.json ?? env.BENCH_JSON ?? "bench-results.json",
    throughputSeconds: whole("seconds", values.seconds ?? env.BENCH_THROUGHPUT_SECONDS, 15, 1),
    connections: whole("connections", values.connections, 10, 1),
    preRequest: values["pre-request"] ?? false,
    explain: values.explain ?? false,
  };
}
