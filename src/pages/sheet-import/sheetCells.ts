// A spreadsheet cell as the sheet import sees it, once exceljs's rich shapes (rich text, formulas,
// hyperlinks) are flattened by readWorkbook: plain values only, so inference and row checks stay
// pure and testable without a workbook.

/** A cell's value: text, a number, TRUE/FALSE, a date cell, or nothing. */
export type SheetCell = string | number | boolean | Date | null;

/** One sheet, header row first found, data rows with the row numbers Excel shows. */
export interface SheetTable {
  /** the worksheet's name (the service's default name) */
  name: string;
  /** the header row's row number in Excel */
  headerRow: number;
  headers: string[];
  rows: { rowNumber: number; cells: SheetCell[] }[];
  /** columns holding data under an empty header: left out, and the admin is told */
  unnamedColumns: number;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** exceljs gives date cells as Dates at UTC midnight of the day shown: read the UTC parts. */
export function dateCellIso(date: Date): string {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** Days since 1899-12-30 (Excel's serial dates, 1900 system); plausible for 1900–2199 only. */
export function excelSerialIso(serial: number): string | null {
  if (!Number.isInteger(serial) || serial < 1 || serial > 109_574) return null;
  return dateCellIso(new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000));
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 2024-03-05, 2024/3/5, 2024.03.05, 2024年3月5日 (and 20240305) → 2024-03-05; else null. */
export function textDateIso(text: string): string | null {
  const m = /^(\d{4})\s*(?:[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?|(\d{2})(\d{2}))$/.exec(text.trim());
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2] ?? m[4]), Number(m[3] ?? m[5])];
  if (year < 1800 || !isCalendarDate(year, month, day)) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** A cell as one line of text, as the admin sees it in Excel (dates as yyyy-mm-dd). */
export function cellText(cell: SheetCell): string {
  if (cell === null) return "";
  if (cell instanceof Date) return dateCellIso(cell);
  if (typeof cell === "boolean") return cell ? "TRUE" : "FALSE";
  return String(cell).trim();
}

export function isBlankCell(cell: SheetCell): boolean {
  return cellText(cell) === "";
}

const yesWords = new Set(["是", "有", "√", "✓", "✔", "y", "yes", "true", "对"]);
const noWords = new Set(["否", "无", "没有", "×", "✗", "✘", "n", "no", "false", "不是"]);

/** 是/否, 有/无, √/×, Y/N, TRUE/FALSE → true/false; anything else undefined. */
export function yesNoCell(cell: SheetCell): boolean | undefined {
  if (typeof cell === "boolean") return cell;
  const text = cellText(cell).toLowerCase();
  if (yesWords.has(text)) return true;
  if (noWords.has(text)) return false;
  return undefined;
}
