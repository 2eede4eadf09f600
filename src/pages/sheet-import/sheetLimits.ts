/** What the sheet import reads at most; apart from readWorkbook so the page can say it without loading exceljs. */
export const sheetLimits = { mb: 10, rows: 5000, columns: 100 } as const;
