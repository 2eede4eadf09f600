// Loaded on demand (import("./exportWorkbook")): exceljs is large and only exports need it.
import ExcelJS from "exceljs";
import type { ExportTable } from "./exportRows";

/** Excel refuses sheet names over 31 characters or with []:*?/\ in them. */
function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, " ").slice(0, 31) || "Sheet1";
}

export async function downloadWorkbook(table: ExportTable, sheet: string, fileName: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const worksheet = workbook.addWorksheet(sheetName(sheet), { views: [{ state: "frozen", ySplit: 1 }] });
  worksheet.addRow(table.headers).font = { bold: true };
  for (const row of table.rows) worksheet.addRow(row);
  table.headers.forEach((header, index) => {
    const longest = Math.max(header.length, ...table.rows.map((row) => String(row[index] ?? "").length));
    // CJK characters are about two columns wide
    worksheet.getColumn(index + 1).width = Math.min(60, Math.max(8, longest * 2 + 2));
  });
  const buffer = await workbook.xlsx.writeBuffer();
  const blob = new Blob([buffer], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // give the browser a moment to start the download before the URL goes away
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
