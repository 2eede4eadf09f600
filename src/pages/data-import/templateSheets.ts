// The import template as plain data (writeTemplate.ts turns it into an .xlsx): the headers with
// required ones marked *, one example row whose first cell says 示例 (skipped on import), a note
// per header, and a sheet 可选值 listing every closed column's allowed values, which the main
// sheet's dropdowns point at.
import type { ImportColumn } from "./importColumns";
import { examplePrefix } from "./importRows";

export const choicesSheetName = "可选值";

export interface TemplateSheets {
  headers: string[];
  example: string[];
  /** the header cells' notes (hints, 必填, 可多选) */
  notes: (string | null)[];
  /** one column per closed column of the main sheet */
  choices: { header: string; values: string[] }[];
  /** main-sheet column (0-based) → 可选值 column (0-based) and how many values it lists */
  dropdowns: { column: number; choicesColumn: number; count: number }[];
  /** main-sheet columns (0-based) to format as text: numbers that must keep every digit */
  textColumns: number[];
}

export const templateHeader = (column: ImportColumn) => (column.required ? `${column.label}*` : column.label);

export function templateSheets(columns: readonly ImportColumn[]): TemplateSheets {
  const sheets: TemplateSheets = { headers: [], example: [], notes: [], choices: [], dropdowns: [], textColumns: [] };
  columns.forEach((column, i) => {
    sheets.headers.push(templateHeader(column));
    sheets.example.push(i === 0 ? `${examplePrefix}${column.example}` : column.example);
    const notes = [
      column.required ? "必填" : null,
      column.multiple ? "可填多个，用顿号（、）隔开" : null,
      column.choices ? `可选值见「${choicesSheetName}」表` : null,
      column.hint?.zh ?? null,
    ];
    const note = notes.filter((n) => n !== null).join("；");
    sheets.notes.push(note === "" ? null : note);
    if (column.asText) sheets.textColumns.push(i);
    if (column.choices) {
      sheets.choices.push({ header: column.label, values: column.choices.map((choice) => choice.label) });
      if (!column.multiple && column.choices.length > 0)
        sheets.dropdowns.push({ column: i, choicesColumn: sheets.choices.length - 1, count: column.choices.length });
    }
  });
  return sheets;
}
