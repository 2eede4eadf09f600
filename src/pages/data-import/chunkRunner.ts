// Sending checked rows to the database in chunks: a dry run over every chunk first (nothing is
// written; the database reports the rows it would refuse), then the import itself, one chunk per
// transaction, awaiting each so the tab stays responsive and a cancel stops after the current one.
import type { ImportAnswer, ImportRowError } from "@/data/dataImport";
import type { HeaderMapping, ImportColumn } from "./importColumns";
import type { RowProblem } from "./importRows";

export type SendChunk<R> = (rows: R[]) => Promise<ImportAnswer>;

export interface ChunkTotals {
  created: number;
  updated: number;
  unchanged: number;
}

const add = (totals: ChunkTotals, answer: ImportAnswer) => {
  totals.created += answer.created;
  totals.updated += answer.updated;
  totals.unchanged += answer.unchanged;
};

/**
 * A chunk the database could not finish within the API's statement timeout (8 s, as on hosted
 * Supabase; SQLSTATE 57014) was rolled back whole: it is sent again in halves, and later chunks
 * keep the smaller size, down to a sixteenth of the first (at most 50 rows).
 */
const floorOf = (size: number) => Math.max(1, Math.min(50, Math.floor(size / 16)));
const isTimeout = (error: unknown) => typeof error === "object" && error !== null && (error as { code?: unknown }).code === "57014";

/** The dry run: what the database would refuse, and what it would do with the rest; `shouldStop` is asked between chunks. */
export async function dryRun<R>(
  rows: readonly R[],
  size: number,
  send: SendChunk<R>,
  onProgress: (done: number) => void,
  shouldStop: () => boolean = () => false,
): Promise<ChunkTotals & { errors: ImportRowError[]; stopped: boolean }> {
  const result = { created: 0, updated: 0, unchanged: 0, errors: [] as ImportRowError[], stopped: false };
  let chunkSize = size;
  for (let start = 0; start < rows.length;) {
    if (shouldStop()) {
      result.stopped = true;
      break;
    }
    let answer: ImportAnswer;
    try {
      answer = await send(rows.slice(start, start + chunkSize));
    } catch (e) {
      if (!isTimeout(e) || chunkSize <= floorOf(size)) throw e;
      chunkSize = Math.max(floorOf(size), Math.floor(chunkSize / 2));
      continue;
    }
    add(result, answer);
    result.errors.push(...answer.errors);
    start += chunkSize;
    onProgress(Math.min(rows.length, start));
  }
  return result;
}

export interface ImportRunResult extends ChunkTotals {
  /** rows written */
  done: number;
  /** rows the database refused during the import (changed since the dry run): left out of their chunk */
  errors: ImportRowError[];
  stopped: boolean;
}

/**
 * The import: chunk after chunk, each all-or-nothing. A chunk the database refuses because of
 * some rows (changed since the dry run) is sent again without them; one that timed out, in halves
 * (above). `shouldStop` is asked between chunks (cancel). A refusal of a whole call (permissions,
 * the network) is thrown: the chunks before it stay imported.
 */
export async function importInChunks<R extends { row: number }>(
  rows: readonly R[],
  size: number,
  send: SendChunk<R>,
  onProgress: (done: number) => void,
  shouldStop: () => boolean,
): Promise<ImportRunResult> {
  const result: ImportRunResult = { created: 0, updated: 0, unchanged: 0, done: 0, errors: [], stopped: false };
  const refused = new Set<number>();
  let chunkSize = size;
  for (let start = 0; start < rows.length;) {
    if (shouldStop()) {
      result.stopped = true;
      break;
    }
    const chunk = rows.slice(start, start + chunkSize).filter((row) => !refused.has(row.row));
    if (chunk.length > 0) {
      let answer: ImportAnswer;
      try {
        answer = await send(chunk);
      } catch (e) {
        if (!isTimeout(e) || chunkSize <= floorOf(size)) throw e;
        chunkSize = Math.max(floorOf(size), Math.floor(chunkSize / 2));
        continue;
      }
      if (!answer.written) {
        // every refused row leaves the chunk, which is sent again: each round removes at least one
        if (answer.errors.length === 0) throw new Error("import_chunk_not_written");
        for (const error of answer.errors) refused.add(error.row);
        result.errors.push(...answer.errors);
        continue;
      }
      add(result, answer);
      result.done += chunk.length;
    }
    start += chunkSize;
    onProgress(Math.min(rows.length, start));
  }
  return result;
}

/** The database's errors as the problems table shows them: the sheet's header for the key at fault. */
export function databaseProblems(
  errors: readonly ImportRowError[],
  headers: readonly string[],
  mapping: HeaderMapping,
  columns: readonly ImportColumn[],
  wholeRow: string,
  /** the column a database key stands for (a record's org_unit_id is its record-unit field) */
  keyOf: (column: string) => string = (column) => column,
): RowProblem[] {
  const headerOf = (raw: string) => {
    const key = keyOf(raw);
    const index = mapping.findIndex((mapped) => mapped === key || (mapped !== null && key.startsWith(`${mapped}[`)));
    return index >= 0 ? headers[index]! : (columns.find((c) => c.key === key)?.label ?? (key || wholeRow));
  };
  return errors.map((e) => ({ rowNumber: e.row, column: headerOf(e.column), message_zh: e.message_zh, message_en: e.message_en }));
}
