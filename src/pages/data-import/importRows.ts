// What converting a sheet's rows yields, for either target: the rows to send (with their Excel
// row number) and the problems of the others, by row and header, in both languages.
import type { RowProblem } from "@/pages/sheet-import/checkSheetRows";
import type { SheetCell } from "@/pages/sheet-import/sheetCells";

export type { RowProblem };

/** One row as the RPC takes it, numbered as Excel numbers it (the `row` the database reports back). */
export type RowConversion<R> = { ok: true; row: R } | { ok: false; problems: RowProblem[] };

/** Converts one sheet row; may keep state across rows (a number seen twice in the file). */
export type RowConverter<R> = (cells: readonly SheetCell[], rowNumber: number) => RowConversion<R>;

export interface ConvertedRows<R> {
  rows: R[];
  problems: RowProblem[];
}

/** Yields to the browser between slices, so 50,000 rows convert without freezing the tab. */
const sliceRows = 500;
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Every row through `convert`, a slice at a time; `onProgress(done)` after each slice. */
export async function convertRows<R>(
  rows: readonly { rowNumber: number; cells: readonly SheetCell[] }[],
  convert: RowConverter<R>,
  onProgress?: (done: number) => void,
): Promise<ConvertedRows<R>> {
  const out: ConvertedRows<R> = { rows: [], problems: [] };
  for (let start = 0; start < rows.length; start += sliceRows) {
    for (const { rowNumber, cells } of rows.slice(start, start + sliceRows)) {
      const result = convert(cells, rowNumber);
      if (result.ok) out.rows.push(result.row);
      else out.problems.push(...result.problems);
    }
    onProgress?.(Math.min(rows.length, start + sliceRows));
    await nextTask();
  }
  return out;
}

/** A problem in both languages for one cell. */
export const problem = (rowNumber: number, column: string, message_zh: string, message_en: string): RowProblem => ({
  rowNumber,
  column,
  message_zh,
  message_en,
});

/** The template's example row (first cell 示例…) is not data. */
export const examplePrefix = "示例：";
export function isExampleRow(cells: readonly SheetCell[]): boolean {
  const first = cells.find((cell) => cell !== null && String(cell).trim() !== "");
  return typeof first === "string" && /^\s*(示例|【示例】|例[:：])/.test(first);
}
