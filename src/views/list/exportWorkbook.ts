// Loaded on demand (import("./exportWorkbook")): exceljs is large and only exports need it.
import ExcelJS from "exceljs";
import { saveFile } from "@/lib/saveFile";
import type { ExportTable } from "./exportRows";

/** Excel refuses sheet names over 31 characters or with []:*?/\ in them. */
function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, " ").slice(0, 31) || "Sheet1";
}

export async function downloadWorkbook(table: ExportTable, sheet: string, fileName: string): Promise<void> {
  await downloadSheets([{ name: sheet, table }], fileName);
}

/** One workbook, a sheet per table (an export's records, then its sub-tables). */
export async function downloadSheets(sheets: readonly { name: string; table: ExportTable }[], fileName: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const used = new Set<string>();
  for (const { name, table } of sheets) {
    let unique = sheetName(name);
    for (let n = 2; used.has(unique); n++) unique = `${sheetName(name).slice(0, 28)} ${n}`;
    used.add(unique);
    const worksheet = workbook.addWorksheet(unique, { views: [{ state: "frozen", ySplit: 1 }] });
    worksheet.addRow(table.headers).font = { bold: true };
    for (const row of table.rows) worksheet.addRow(row);
    table.headers.forEach((header, index) => {
      // a sample is enough to size a column; 50,000 rows are not measured
      const longest = Math.max(header.length, ...table.rows.slice(0, 500).map((row) => String(row[index] ?? "").length));
      // CJK characters are about two columns wide
      worksheet.getColumn(index + 1).width = Math.min(60, Math.max(8, longest * 2 + 2));
    });
  }
  saveFile(await workbook.xlsx.writeBuffer(), fileName);
}
