// The import's file work off the main thread: reading an uploaded .xlsx or .csv (unzipping and
// parsing 50,000 rows takes seconds, and the tab must stay usable meanwhile) and writing the
// template and the error report. exceljs lives here only, once for the whole import. Answers
// each message with its result or the reason the file cannot be used; nothing is sent anywhere.
import { readWorkbook, SheetReadError } from "@/pages/sheet-import/readWorkbook";
import type { WorkerReply, WorkerRequest } from "./importFiles";
import { CsvReadError, readCsv } from "./readCsv";
import { choicesSheetName } from "./templateSheets";
import { errorReportWorkbook, templateWorkbook } from "./writeImportWorkbooks";

const reply = (message: WorkerReply, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(message, transfer);

async function read(file: File, limits: Extract<WorkerRequest, { kind: "read" }>["limits"]): Promise<WorkerReply> {
  try {
    if (file.size > limits.mb * 1024 * 1024) throw new SheetReadError("too_large");
    const table = /\.csv$/i.test(file.name) ? readCsv(new Uint8Array(await file.arrayBuffer()), limits) : await readWorkbook(file, limits);
    // the template's list of allowed values is not data: the rows were deleted from the first sheet
    if (table.name === choicesSheetName) throw new SheetReadError("no_rows");
    return { kind: "table", table };
  } catch (e) {
    return { kind: "problem", problem: e instanceof SheetReadError || e instanceof CsvReadError ? e.problem : "unreadable" };
  }
}

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  try {
    if (request.kind === "read") reply(await read(request.file, request.limits));
    else {
      const written =
        request.kind === "template" ? await templateWorkbook(request.sheets, request.sheetName) : await errorReportWorkbook(request.report, request.sheetName);
      // exceljs hands back a Buffer view that may share a larger pool: copy out exactly the file
      const buffer = new Uint8Array(written).slice().buffer;
      reply({ kind: "file", buffer }, [buffer]);
    }
  } catch (e) {
    reply({ kind: "failed", message: e instanceof Error ? e.message : String(e) });
  }
};
