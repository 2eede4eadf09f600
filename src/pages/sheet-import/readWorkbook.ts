// Loaded on demand (import("./readWorkbook")): exceljs is large and only the sheet import needs it.
// Reads the first worksheet that has a header row into plain cells (sheetCells.ts); everything a
// real sheet does that would break that (a title row above the header, empty header columns, a
// totals row, formulas, rich text, merged cells) is smoothed here, and a file that is not a
// workbook becomes a SheetReadError the page can explain.
import ExcelJS from "exceljs";
import { cellText, isBlankCell, type SheetCell, type SheetTable } from "./sheetCells";
import { sheetLimits } from "./sheetLimits";

/** How much a reader accepts: the sheet import's limits, or the data import's larger ones. */
export type SheetReadLimits = { mb: number; rows: number; columns: number };

/** A title or a note may sit above the header; the header is among the first rows. */
const headerSearchRows = 10;

export type SheetReadProblem = "too_large" | "unreadable" | "no_header" | "no_rows" | "too_many_rows" | "too_many_columns";

export class SheetReadError extends Error {
  constructor(readonly problem: SheetReadProblem) {
    super(`sheet_${problem}`);
  }
}

function plainCell(value: ExcelJS.CellValue): SheetCell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean" || value instanceof Date) return value;
  if ("richText" in value) return value.richText.map((part) => part.text).join("");
  if ("formula" in value || "sharedFormula" in value) return plainCell((value.result ?? null) as ExcelJS.CellValue);
  if ("hyperlink" in value) return plainCell(value.text as ExcelJS.CellValue);
  // an error cell (#N/A, #REF!) holds no answer
  return null;
}

function rowCells(row: ExcelJS.Row, columnCount: number): SheetCell[] {
  return Array.from({ length: columnCount }, (_, i) => plainCell(row.getCell(i + 1).value));
}

const isTotalsRow = (cells: readonly SheetCell[]) => /^(合计|总计|小计)$/.test(cells.map(cellText).find((text) => text !== "") ?? "");

function tableOf(sheet: ExcelJS.Worksheet, limits: SheetReadLimits): SheetTable | null {
  const columnCount = sheet.actualColumnCount > 0 ? sheet.columnCount : 0;
  if (columnCount === 0) return null;
  let headerRow = 0;
  for (let n = 1; n <= Math.min(sheet.rowCount, headerSearchRows) && headerRow === 0; n += 1) {
    const cells = rowCells(sheet.getRow(n), columnCount);
    // distinct texts: a title merged across the header's width repeats one text in every cell
    if (new Set(cells.filter((cell) => typeof cell === "string" && cell.trim() !== "")).size >= 2) headerRow = n;
  }
  if (headerRow === 0) return null;
  const headerCells = rowCells(sheet.getRow(headerRow), columnCount);
  // an empty header names nothing: its column is left out, not a reason to stop
  const columns = headerCells.flatMap((cell, i) => (isBlankCell(cell) ? [] : [i]));
  if (columns.length > limits.columns) throw new SheetReadError("too_many_columns");
  const rows: SheetTable["rows"] = [];
  const unnamed = new Set<number>();
  for (let n = headerRow + 1; n <= sheet.rowCount; n += 1) {
    const all = rowCells(sheet.getRow(n), columnCount);
    if (all.every(isBlankCell) || isTotalsRow(all)) continue;
    rows.push({ rowNumber: n, cells: columns.map((i) => all[i]) });
    all.forEach((cell, i) => {
      if (!isBlankCell(cell) && isBlankCell(headerCells[i])) unnamed.add(i);
    });
    if (rows.length > limits.rows) throw new SheetReadError("too_many_rows");
  }
  const headers = columns.map((i) => cellText(headerCells[i]).replace(/\s+/g, " "));
  return { name: sheet.name, headerRow, headers, rows, unnamedColumns: unnamed.size };
}

/** The file's first sheet with a header row and data under it. */
export async function readWorkbook(file: Blob, limits: SheetReadLimits = sheetLimits): Promise<SheetTable> {
  if (file.size > limits.mb * 1024 * 1024) throw new SheetReadError("too_large");
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(await file.arrayBuffer());
  } catch {
    throw new SheetReadError("unreadable");
  }
  const tables = workbook.worksheets.map((sheet) => tableOf(sheet, limits)).filter((table): table is SheetTable => table !== null);
  if (tables.length === 0) throw new SheetReadError("no_header");
  const table = tables.find((candidate) => candidate.rows.length > 0);
  if (!table) throw new SheetReadError("no_rows");
  return table;
}
