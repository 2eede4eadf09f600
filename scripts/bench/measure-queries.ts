// Times every query for every caller, engine and typed baseline interleaved run by run (the one
// going first alternates, so neither always meets the warmer cache), after warm-up runs. Keeps
// every timing and, from the first timed run, what each side returned, for the correctness checks.
// A refused or failed request (e.g. the authenticated role's 8 s statement timeout) ends that
// query for that caller and is reported, not thrown: the other figures of a long run survive.
import type { BenchQuery } from "./bench-queries.ts";
import { send, type Sample } from "./time-requests.ts";

export type Caller = { key: string; label: string; token: string };
export type Side = { ms: number[]; first?: Sample };
export type QueryTiming = { query: BenchQuery; caller: Caller; engine: Side; typed: Side; error?: string };

export async function measureQueries(
  baseUrl: string,
  callers: readonly Caller[],
  queries: readonly BenchQuery[],
  o: { runs: number; warmup: number; log: (line: string) => void },
): Promise<QueryTiming[]> {
  const out: QueryTiming[] = [];
  for (const caller of callers) {
    for (const query of queries) {
      const began = Date.now();
      const ms = { engine: [] as number[], typed: [] as number[] };
      const first: Partial<Record<"engine" | "typed", Sample>> = {};
      let error: string | undefined;
      try {
        for (let run = 0; run < o.warmup + o.runs; run += 1) {
          const order = run % 2 === 0 ? (["engine", "typed"] as const) : (["typed", "engine"] as const);
          for (const side of order) {
            const sample = await send(baseUrl, caller.token, query[side]);
            if (run < o.warmup) continue;
            first[side] ??= sample;
            ms[side].push(sample.ms);
          }
        }
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
      }
      out.push({ query, caller, engine: { ms: ms.engine, first: first.engine }, typed: { ms: ms.typed, first: first.typed }, error });
      o.log(`  ${caller.label} · ${query.title}: ${((Date.now() - began) / 1000).toFixed(1)} s${error ? ` — FAILED: ${error}` : ""}`);
    }
  }
  return out;
}
