// Percentiles of timed samples, the benchmark's only statistics: p50 for the ratio against the
// typed baseline, p95 and p99 for the tails the targets name. Linear interpolation
// between the closest ranks (numpy's default), so 60 samples give a p99 between the two slowest.

export type Summary = { n: number; p50: number; p95: number; p99: number; mean: number; max: number };

/** The p-th percentile (0–100) of the values; NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (Math.min(100, Math.max(0, p)) / 100) * (sorted.length - 1);
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low] + (sorted[high] - sorted[low]) * (at - low);
}

export function summarize(values: readonly number[]): Summary {
  return {
    n: values.length,
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    p99: percentile(values, 99),
    mean: values.length ? values.reduce((sum, v) => sum + v, 0) / values.length : Number.NaN,
    max: values.length ? Math.max(...values) : Number.NaN,
  };
}
