// The pure half of `npm run bench`: percentiles, the engine ÷ typed verdict against the issue's
// targets, the baseline's correctness checks (a disagreement becomes a loud row), the table, and
// the flags.
import { describe, expect, it } from "vitest";
import { parseBenchOptions } from "../../scripts/bench/bench-options";
import { resultsTable, toResult } from "../../scripts/bench/bench-results";
import { evaluate, worstP99 } from "../../scripts/bench/bench-targets";
import { sqlColumn } from "../../scripts/bench/explain-queries";
import { markdownTable, ms, times } from "../../scripts/bench/markdown-table";
import { percentile, summarize } from "../../scripts/bench/percentiles";

const sample = (total: number | null, ids: string[]) => ({ ms: 1, total, rows: ids.length, ids });

describe("percentile", () => {
  it("interpolates between the closest ranks, whatever the input order", () => {
    const values = [5, 1, 4, 2, 3];
    expect(percentile(values, 50)).toBe(3);
    expect(percentile(values, 0)).toBe(1);
    expect(percentile(values, 100)).toBe(5);
    expect(percentile(values, 95)).toBeCloseTo(4.8);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(values).toEqual([5, 1, 4, 2, 3]);
  });

  it("has no figure for no samples", () => {
    expect(percentile([], 50)).toBeNaN();
    expect(summarize([]).p99).toBeNaN();
  });

  it("summarizes p50, p95, p99, mean and max", () => {
    const s = summarize(Array.from({ length: 101 }, (_, i) => i));
    expect(s).toEqual({ n: 101, p50: 50, p95: 95, p99: 99, mean: 50, max: 100 });
  });
});

describe("evaluate", () => {
  const at = (p50: number, p95 = p50) => ({ ...summarize([p50]), p50, p95 });

  it("meets a target at the ratio and misses it above", () => {
    expect(evaluate("list", at(12.5), at(10)).met).toBe(true);
    expect(evaluate("list", at(12.6), at(10)).met).toBe(false);
    expect(evaluate("filter", at(19), at(10)).met).toBe(true);
    expect(evaluate("create", at(14), at(10))).toMatchObject({ met: false, target: "≤ 1.3×" });
  });

  it("needs both the ratio and p95 ≤ 200 ms for the dashboard", () => {
    expect(evaluate("dashboard", at(140, 190), at(100, 150))).toMatchObject({ met: true, target: "≤ 1.5×, p95 ≤ 200 ms" });
    expect(evaluate("dashboard", at(140, 210), at(100, 200)).met).toBe(false);
    expect(evaluate("dashboard", at(160, 190), at(100, 190)).met).toBe(false);
    expect(evaluate("dashboard", at(140, 210), at(100, 150)).ratioP95).toBeCloseTo(1.4);
  });

  it("keeps every p99 under 800 ms", () => {
    expect(worstP99([at(10), { ...at(10), p99: 799 }])).toEqual({ p99: 799, met: true });
    expect(worstP99([{ ...at(10), p99: 800 }]).met).toBe(false);
    expect(worstP99([summarize([]), { ...at(10), p99: 120 }])).toEqual({ p99: 120, met: true });
  });
});

describe("toResult and resultsTable", () => {
  const base = { title: "list page 1 + exact count", caller: "leader", kind: "count" as const, sameTotal: true, sameIds: true };

  it("prints the three percentiles of each side, the ratio, the target and the verdict", () => {
    const result = toResult({
      ...base,
      engine: { ms: [12, 12, 12], first: sample(900, ["a", "b"]) },
      typed: { ms: [10, 10, 10], first: sample(900, ["a", "b"]) },
    });
    expect(result.warnings).toEqual([]);
    expect(result.engineTotal).toBe(900);
    const table = resultsTable([result]);
    expect(table).toContain("| list page 1 + exact count | leader | 12.0 / 12.0 / 12.0 | 10.0 / 10.0 / 10.0 | 1.20× | ≤ 1.5× | yes |");
    expect(table).toContain("| worst engine p99 | all | 12.0 |  |  | < 800 ms | yes |");
    expect(table.split("\n")[1]).toBe("|---|---|---:|---:|---:|---|---|");
  });

  it("turns different totals or rows into a loud warning row", () => {
    const result = toResult({ ...base, engine: { ms: [30], first: sample(901, ["a", "b"]) }, typed: { ms: [10], first: sample(900, ["a", "c"]) } });
    expect(result.warnings).toEqual(["totals differ: engine 901, typed 900", "rows differ: engine returned 2, typed 2; first difference at row 2"]);
    const table = resultsTable([result]);
    expect(table).toContain("| ⚠ **WARNING: list page 1 + exact count** | leader | **totals differ: engine 901, typed 900** |");
    expect(table).toContain("| 3.00× | ≤ 1.5× | **no** |");
  });

  it("does not compare what the query does not promise to equal (estimates, dashboard rows)", () => {
    const result = toResult({
      ...base,
      sameTotal: false,
      sameIds: false,
      engine: { ms: [1], first: sample(800, ["a"]) },
      typed: { ms: [1], first: sample(1000, []) },
    });
    expect(result.warnings).toEqual([]);
  });

  it("reports a failed measurement as a failed row, not a ratio", () => {
    const result = toResult({ ...base, engine: { ms: [] }, typed: { ms: [] }, error: "GET /records → HTTP 500: canceling statement due to statement timeout" });
    expect(result.verdict.met).toBe(false);
    expect(resultsTable([result])).toContain(
      "| list page 1 + exact count | leader | **failed: GET /records → HTTP 500: canceling statement due to statement timeout** |  |  | ≤ 1.5× | **no** |",
    );
  });

  it("shows the p95 ratio beside the p50 ratio for the dashboard", () => {
    const result = toResult({ title: "dashboard", caller: "staff", kind: "dashboard", engine: { ms: [10, 10, 30] }, typed: { ms: [10, 10, 10] } });
    expect(resultsTable([result])).toContain("| 1.00× (p95 2.80×) |");
  });
});

describe("markdownTable", () => {
  it("right-aligns numeric columns and escapes pipes", () => {
    expect(markdownTable([{ title: "a" }, { title: "n", numeric: true }], [["x|y", "1"]])).toBe("| a | n |\n|---|---:|\n| x\\|y | 1 |");
    expect(ms(1234.56)).toBe("1,234.6");
    expect(ms(Number.NaN)).toBe("—");
    expect(times(1.234)).toBe("1.23×");
  });
});

describe("parseBenchOptions", () => {
  it("defaults to 1M records, 60 runs and bench-results.json", () => {
    expect(parseBenchOptions([])).toEqual({
      records: 1_000_000,
      runs: 60,
      warmup: 5,
      json: "bench-results.json",
      throughputSeconds: 15,
      connections: 10,
      preRequest: false,
      explain: false,
    });
  });

  it("takes flags over the environment", () => {
    const o = parseBenchOptions(["--records", "20000", "--json", "/tmp/x.json"], { BENCH_RECORDS: "5", BENCH_RUNS: "30" });
    expect(o).toMatchObject({ records: 20_000, runs: 30, json: "/tmp/x.json" });
    expect(parseBenchOptions(["--records", "1_000_000"]).records).toBe(1_000_000);
  });

  it("refuses a size that is not a whole number", () => {
    expect(() => parseBenchOptions(["--records", "lots"])).toThrow(/--records lots/);
    expect(() => parseBenchOptions(["--runs", "0"])).toThrow(/≥ 1/);
  });
});

describe("sqlColumn", () => {
  it("spells PostgREST's JSON paths as SQL and leaves columns alone", () => {
    expect(sqlColumn("data->>urgency")).toBe("data ->> 'urgency'");
    expect(sqlColumn("data->category")).toBe("data -> 'category'");
    expect(sqlColumn("idx_text_1")).toBe("idx_text_1");
  });
});
