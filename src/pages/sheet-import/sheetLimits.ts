/** What the sheet import reads at most; apart from readWorkbook so the page can say it without loading exceljs. */
export const sheetLimits = {
  mb: 10,
  rows: 5000,
  columns: 100,
  /**
   * Rows imported as records in one go. They are ONE insert statement (all or nothing), and the
   * API roles' statement_timeout is 8 s (as on hosted Supabase); with today's record triggers a
   * busy local stack managed 500 rows in 4.5 s and timed out at 1,000 (measured 2026-11-30). A
   * bigger sheet still becomes a service; importing more waits for faster inserts (issue 11).
   */
  importRows: 500,
} as const;
