// The error report as plain data (writeErrorReport.ts makes the .xlsx): the rows that did not
// pass, with the sheet's own headers and cells, so a community worker fixes them there and
// uploads the file again; two columns added, 原行号 (the row in their file) and 错误说明 (every
// problem of the row), and the cells at fault marked for highlighting.
import type { SheetCell, SheetTable } from "@/pages/sheet-import/sheetCells";
import type { RowProblem } from "./importRows";

export const reportRowColumn = "原行号";
export const reportMessageColumn = "错误说明";

export interface ErrorReport {
  headers: string[];
  rows: { cells: SheetCell[]; badColumns: number[] }[];
}

/** The bad rows in sheet order; `english` writes the problems in English. */
export function errorReport(table: SheetTable, problems: readonly RowProblem[], english = false): ErrorReport {
  const byRow = new Map<number, RowProblem[]>();
  for (const p of problems) byRow.set(p.rowNumber, [...(byRow.get(p.rowNumber) ?? []), p]);
  const rows: ErrorReport["rows"] = [];
  for (const { rowNumber, cells } of table.rows) {
    const mine = byRow.get(rowNumber);
    if (!mine) continue;
    const badColumns = [...new Set(mine.map((p) => table.headers.indexOf(p.column)).filter((i) => i >= 0))];
    const message = mine.map((p) => `${p.column ? `${p.column}：` : ""}${english ? p.message_en : p.message_zh}`).join("；");
    rows.push({ cells: [...table.headers.map((_, i) => cells[i] ?? null), rowNumber, message], badColumns });
  }
  return { headers: [...table.headers, reportRowColumn, reportMessageColumn], rows };
}
