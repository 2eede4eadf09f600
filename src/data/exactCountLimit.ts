// How far a record list counts exactly: PostgREST's db-max-rows, which migration
// 20261130191500_estimate_large_record_counts sets to this same number (a db test compares
// them). A list's count=estimated is exact up to it; a total above it is an estimate.
// Kept apart from recordCounts.ts so tests and scripts can read it without a client.
export const exactCountLimit = 50_000;

export const isEstimatedTotal = (total: number | undefined) => total !== undefined && total > exactCountLimit;

/** An estimate to three significant digits (399,806 → 400,000): "约 N" should not look exact. */
export const roundedEstimate = (total: number) => {
  const step = 10 ** Math.max(0, Math.floor(Math.log10(Math.max(total, 1))) - 2);
  return Math.round(total / step) * step;
};
