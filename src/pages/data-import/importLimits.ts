/**
 * What the data import reads and sends at most. Larger than the sheet import's (sheetLimits): a
 * community's roster of 50,000 people must go in, read in a worker and sent in chunks.
 */
export const importLimits = {
  mb: 30,
  rows: 50_000,
  columns: 100,
  /** Rows per request: each chunk is one transaction in the database (all or nothing). */
  chunkRows: 1000,
} as const;
