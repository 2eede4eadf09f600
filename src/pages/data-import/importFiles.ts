// The page's side of importFiles.worker.ts: a module worker per task (CSP worker-src 'self'),
// ended when it answers. Reading falls back to the main thread where a worker cannot run (slower
// for big files, still correct); writing a template or a report needs the worker.
import type { SheetReadLimits, SheetReadProblem } from "@/pages/sheet-import/readWorkbook";
import type { SheetTable } from "@/pages/sheet-import/sheetCells";
import type { ErrorReport } from "./errorReport";
import { choicesSheetName, type TemplateSheets } from "./templateSheets";

export type WorkerRequest =
  | { kind: "read"; file: File; limits: SheetReadLimits }
  | { kind: "template"; sheets: TemplateSheets; sheetName: string }
  | { kind: "report"; report: ErrorReport; sheetName: string };

export type WorkerReply =
  | { kind: "table"; table: SheetTable }
  | { kind: "problem"; problem: SheetReadProblem }
  | { kind: "file"; buffer: ArrayBuffer }
  | { kind: "failed"; message: string };

export type ReadResult = { ok: true; table: SheetTable } | { ok: false; problem: SheetReadProblem };

function inWorker(request: WorkerRequest): Promise<WorkerReply> {
  const worker = new Worker(new URL("./importFiles.worker.ts", import.meta.url), { type: "module" });
  return new Promise<WorkerReply>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<WorkerReply>) => resolve(event.data);
    worker.onerror = (event) => reject(new Error(event.message || "worker_failed"));
    worker.postMessage(request);
  }).finally(() => worker.terminate());
}

export async function readImportFile(file: File, limits: SheetReadLimits): Promise<ReadResult> {
  let answer: WorkerReply;
  try {
    answer = await inWorker({ kind: "read", file, limits });
  } catch {
    // the worker did not start or load (an old browser, a new deployment): read here
    return readHere(file, limits);
  }
  if (answer.kind === "table") return { ok: true, table: answer.table };
  if (answer.kind === "problem") return { ok: false, problem: answer.problem };
  return { ok: false, problem: "unreadable" };
}

async function readHere(file: File, limits: SheetReadLimits): Promise<ReadResult> {
  const [{ readWorkbook, SheetReadError }, { readCsv, CsvReadError }] = await Promise.all([import("@/pages/sheet-import/readWorkbook"), import("./readCsv")]);
  try {
    if (file.size > limits.mb * 1024 * 1024) return { ok: false, problem: "too_large" };
    const table = /\.csv$/i.test(file.name) ? readCsv(new Uint8Array(await file.arrayBuffer()), limits) : await readWorkbook(file, limits);
    return table.name === choicesSheetName ? { ok: false, problem: "no_rows" } : { ok: true, table };
  } catch (e) {
    return { ok: false, problem: e instanceof SheetReadError || e instanceof CsvReadError ? e.problem : "unreadable" };
  }
}

/** An .xlsx made in the worker (the template, an error report). */
export async function writeImportFile(request: Exclude<WorkerRequest, { kind: "read" }>): Promise<ArrayBuffer> {
  const answer = await inWorker(request);
  if (answer.kind !== "file") throw new Error(answer.kind === "failed" ? answer.message : "write_failed");
  return answer.buffer;
}
