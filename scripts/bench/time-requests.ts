// Times PostgREST requests over HTTP: each query as the scoped user (RLS applies) and as
// service_role (RLS bypassed) in the baseline variants, interleaved run by run so all see the
// same machine load, medians after warm-up. Each run reads the whole body; the count comes
// from Content-Range.

export type QuerySpec = { title: string; path: string; count: boolean };
/** One side of the comparison: who asks, and how the query's path reads for them. */
export type Contender = { label: string; token: string; path: (query: QuerySpec) => string };
export type Sample = { ms: number; total: number | null; rows: number };
export type Outcome = { median: number; total: number | null; rows: number };
export type Measured = { query: QuerySpec; by: Record<string, Outcome> };

export async function requestOnce(baseUrl: string, token: string, path: string, count: boolean): Promise<Sample> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (count) headers.prefer = "count=exact";
  const began = performance.now();
  const res = await fetch(`${baseUrl}${path}`, { headers });
  const body = await res.text();
  const ms = performance.now() - began;
  if (!res.ok) throw new Error(`${path} → HTTP ${res.status}: ${body.slice(0, 300)}`);
  const total = /\/(\d+)$/.exec(res.headers.get("content-range") ?? "")?.[1];
  return { ms, total: total === undefined ? null : Number(total), rows: (JSON.parse(body) as unknown[]).length };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export async function measure(baseUrl: string, contenders: Contender[], queries: QuerySpec[], o: { warmup: number; runs: number }): Promise<Measured[]> {
  const results: Measured[] = [];
  for (const query of queries) {
    const samples = new Map<string, Sample[]>(contenders.map((c) => [c.label, []]));
    for (let run = 0; run < o.warmup + o.runs; run += 1) {
      // rotate who goes first, so nobody always meets the warmest cache
      const order = contenders.map((_, i) => contenders[(i + run) % contenders.length]);
      for (const c of order) {
        const sample = await requestOnce(baseUrl, c.token, c.path(query), query.count);
        if (run >= o.warmup) samples.get(c.label)!.push(sample);
      }
    }
    const by: Measured["by"] = {};
    for (const [label, list] of samples) by[label] = { median: median(list.map((s) => s.ms)), total: list[0].total, rows: list[0].rows };
    results.push({ query, by });
  }
  return results;
}
