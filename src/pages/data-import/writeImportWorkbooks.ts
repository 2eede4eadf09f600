// Loaded on demand (import("./writeImportWorkbooks")): exceljs only when a template or an error
// report is downloaded. Builds the .xlsx files from templateSheets / errorReport.
import ExcelJS from "exceljs";
import type { ErrorReport } from "./errorReport";
import { choicesSheetName, type TemplateSheets } from "./templateSheets";

/** Rows of the main sheet offered a dropdown: a roster's worth; later rows are checked on import all the same. */
const dropdownRows = 1000;

const columnName = (index: number) => {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
};

const width = (texts: readonly string[]) => Math.min(40, Math.max(10, ...texts.map((t) => [...t].length * 2 + 2)));

export async function templateWorkbook(sheets: TemplateSheets, sheetName: string): Promise<ArrayBuffer> {
  const workbook = new ExcelJS.Workbook();
  const main = workbook.addWorksheet(sheetName.replace(/[[\]:*?/\\]/g, " ").slice(0, 31) || "导入", { views: [{ state: "frozen", ySplit: 1 }] });
  const header = main.addRow(sheets.headers);
  header.font = { bold: true };
  sheets.headers.forEach((text, i) => {
    const cell = header.getCell(i + 1);
    if (text.endsWith("*")) cell.font = { bold: true, color: { argb: "FFCF1322" } };
    const note = sheets.notes[i];
    if (note) cell.note = note;
    main.getColumn(i + 1).width = width([text, sheets.example[i] ?? ""]);
  });
  const example = main.addRow(sheets.example);
  example.font = { italic: true, color: { argb: "FF8C8C8C" } };
  for (const column of sheets.textColumns) {
    main.getColumn(column + 1).numFmt = "@";
    example.getCell(column + 1).value = sheets.example[column] ?? "";
  }
  const choices = workbook.addWorksheet(choicesSheetName, { views: [{ state: "frozen", ySplit: 1 }] });
  choices.addRow(sheets.choices.map((c) => c.header)).font = { bold: true };
  const longest = Math.max(0, ...sheets.choices.map((c) => c.values.length));
  for (let r = 0; r < longest; r += 1) choices.addRow(sheets.choices.map((c) => c.values[r] ?? null));
  sheets.choices.forEach((c, i) => {
    choices.getColumn(i + 1).width = width([c.header, ...c.values.slice(0, 200)]);
  });
  for (const { column, choicesColumn, count } of sheets.dropdowns) {
    const letter = columnName(choicesColumn);
    const list = `'${choicesSheetName}'!$${letter}$2:$${letter}$${count + 1}`;
    for (let r = 3; r < 3 + dropdownRows; r += 1) {
      main.getCell(r, column + 1).dataValidation = {
        type: "list",
        allowBlank: true,
        formulae: [list],
        // a value off the list is warned about, not refused: the import explains it per row
        errorStyle: "warning",
        showErrorMessage: true,
        error: `请从「${choicesSheetName}」表中选择`,
      };
    }
  }
  return workbook.xlsx.writeBuffer();
}

export async function errorReportWorkbook(report: ErrorReport, sheetName: string): Promise<ArrayBuffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31), { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.addRow(report.headers).font = { bold: true };
  const message = report.headers.length;
  for (const { cells, badColumns } of report.rows) {
    const row = sheet.addRow(cells);
    for (const column of badColumns) {
      row.getCell(column + 1).fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFCCC7" } };
    }
    row.getCell(message).font = { color: { argb: "FFCF1322" } };
  }
  report.headers.forEach((text, i) => {
    sheet.getColumn(i + 1).width = i === message - 1 ? 60 : width([text, ...report.rows.slice(0, 200).map((r) => String(r.cells[i] ?? ""))]);
  });
  return workbook.xlsx.writeBuffer();
}
