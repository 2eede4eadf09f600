// From timings to verdicts: percentiles per side, the engine ÷ typed ratios, the target met or
// not, and the baseline's correctness checks (same totals, same rows) — then the Markdown table
// the bench prints. Pure, so tests/unit/bench-results.test.ts covers it.
import { evaluate, worstP99, worstP99Ms, type TargetKind, type Verdict } from "./bench-targets.ts";
import { markdownTable, ms, times } from "./markdown-table.ts";
import { summarize, type Summary } from "./percentiles.ts";
import type { Sample } from "./time-requests.ts";

export type SideTiming = { ms: readonly number[]; first?: Sample };

export type TimingInput = {
  title: string;
  caller: string;
  kind: TargetKind;
  engine: SideTiming;
  typed: SideTiming;
  sameTotal?: boolean;
  sameIds?: boolean;
  /** The request that failed (HTTP status and message), ending this measurement. */
  error?: string;
};

export type BenchResult = {
  title: string;
  caller: string;
  kind: TargetKind;
  engine: Summary;
  typed: Summary;
  verdict: Verdict;
  engineTotal: number | null;
  typedTotal: number | null;
  /** What disagrees between the two sides: the baseline is then not the same data or not the same rule. */
  warnings: string[];
  error: string | null;
};

function consistency(t: TimingInput): string[] {
  const e = t.engine.first;
  const b = t.typed.first;
  if (!e || !b) return [];
  const out: string[] = [];
  if (t.sameTotal && e.total !== b.total) out.push(`totals differ: engine ${e.total ?? "none"}, typed ${b.total ?? "none"}`);
  if (t.sameIds && e.ids.join() !== b.ids.join()) {
    const firstDiff = e.ids.findIndex((id, i) => b.ids[i] !== id);
    out.push(`rows differ: engine returned ${e.rows}, typed ${b.rows}; first difference at row ${firstDiff === -1 ? e.ids.length + 1 : firstDiff + 1}`);
  }
  return out;
}

export function toResult(t: TimingInput): BenchResult {
  const engine = summarize(t.engine.ms);
  const typed = summarize(t.typed.ms);
  return {
    title: t.title,
    caller: t.caller,
    kind: t.kind,
    engine,
    typed,
    verdict: evaluate(t.kind, engine, typed),
    engineTotal: t.engine.first?.total ?? null,
    typedTotal: t.typed.first?.total ?? null,
    warnings: consistency(t),
    error: t.error ?? null,
  };
}

const triple = (s: Summary) => `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.p99)}`;

/** The results table, a loud row under every result whose two sides disagree, and the worst-p99 row. */
export function resultsTable(results: readonly BenchResult[]): string {
  const rows: string[][] = [];
  for (const r of results) {
    if (r.error) {
      rows.push([r.title, r.caller, `**failed: ${r.error.slice(0, 160)}**`, "", "", r.verdict.target, "**no**"]);
      continue;
    }
    const ratio = r.kind === "dashboard" ? `${times(r.verdict.ratioP50)} (p95 ${times(r.verdict.ratioP95)})` : times(r.verdict.ratioP50);
    rows.push([r.title, r.caller, triple(r.engine), triple(r.typed), ratio, r.verdict.target, r.verdict.met ? "yes" : "**no**"]);
    for (const w of r.warnings) rows.push([`⚠ **WARNING: ${r.title}**`, r.caller, `**${w}**`, "", "", "", "**baseline check failed**"]);
  }
  const worst = worstP99(results.map((r) => r.engine));
  rows.push(["worst engine p99", "all", ms(worst.p99), "", "", `< ${worstP99Ms} ms`, worst.met ? "yes" : "**no**"]);
  return markdownTable(
    [
      { title: "query" },
      { title: "caller" },
      { title: "engine p50 / p95 / p99 ms", numeric: true },
      { title: "typed p50 / p95 / p99 ms", numeric: true },
      { title: "engine ÷ typed (p50)", numeric: true },
      { title: "target" },
      { title: "met?" },
    ],
    rows,
  );
}
