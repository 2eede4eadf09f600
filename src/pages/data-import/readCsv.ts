// A .csv saved by Excel or WPS as a SheetTable: UTF-8 (with or without BOM) or, failing that, the
// GB 18030 Chinese Excel writes by default; commas or semicolons; quoted cells with doubled quotes
// and line breaks inside. Numbers stay text (an ID number must not become a float).
import type { SheetCell, SheetTable } from "@/pages/sheet-import/sheetCells";
import type { SheetReadLimits } from "@/pages/sheet-import/readWorkbook";

export type CsvProblem = "no_header" | "no_rows" | "too_many_rows" | "too_many_columns";

export class CsvReadError extends Error {
  constructor(readonly problem: CsvProblem) {
    super(`sheet_${problem}`);
  }
}

/** Bytes as text: UTF-8 when they are valid UTF-8, else GB 18030. */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder("gb18030").decode(bytes);
  }
}

/** The cells of every line, RFC 4180 quoting; the separator is the header line's first , or ; or tab. */
export function csvLines(text: string): string[][] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const separator = [",", ";", "\t"].map((s) => [s, firstLine.split(s).length] as const).sort((a, b) => b[1] - a[1])[0]![0];
  const lines: string[][] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === "") quoted = true;
    else if (c === separator) {
      cells.push(cell);
      cell = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i += 1;
      cells.push(cell);
      lines.push(cells);
      cells = [];
      cell = "";
    } else cell += c;
  }
  if (cell !== "" || cells.length > 0) {
    cells.push(cell);
    lines.push(cells);
  }
  return lines;
}

/** The CSV's header (first line with two or more names) and rows, with the line numbers Excel shows. */
export function readCsv(bytes: Uint8Array, limits: SheetReadLimits): SheetTable {
  const lines = csvLines(decodeCsv(bytes).replace(/^\uFEFF/, ""));
  const headerIndex = lines.findIndex((line) => line.filter((cell) => cell.trim() !== "").length >= 2);
  if (headerIndex < 0) throw new CsvReadError("no_header");
  const header = lines[headerIndex]!;
  const columns = header.flatMap((name, i) => (name.trim() === "" ? [] : [i]));
  if (columns.length > limits.columns) throw new CsvReadError("too_many_columns");
  const rows: SheetTable["rows"] = [];
  const unnamed = new Set<number>();
  for (let n = headerIndex + 1; n < lines.length; n += 1) {
    const line = lines[n]!;
    if (line.every((cell) => cell.trim() === "")) continue;
    rows.push({ rowNumber: n + 1, cells: columns.map((i): SheetCell => (line[i] ?? "").trim() || null) });
    line.forEach((cell, i) => {
      if (cell.trim() !== "" && (header[i] ?? "").trim() === "") unnamed.add(i);
    });
    if (rows.length > limits.rows) throw new CsvReadError("too_many_rows");
  }
  if (rows.length === 0) throw new CsvReadError("no_rows");
  return { name: "CSV", headerRow: headerIndex + 1, headers: columns.map((i) => header[i]!.trim().replace(/\s+/g, " ")), rows, unnamedColumns: unnamed.size };
}
