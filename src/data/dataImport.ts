// The import RPCs (docs: IMPORT-API / docs/residents.md "Import"): import_residents upserts people
// by ID number, import_records inserts records through the normal insert path. Each call is one
// transaction: a row with an error, or a dry run, writes nothing of the call. A batch id ties the
// chunks of one upload together (import_batches). The mapping of sheet headers to fields is
// remembered per target (import_mappings).
import { toHttpError } from "@/lib/supabase/errors";
import { supabase } from "./client";
import type { Json } from "./database.types";
import { callRpc } from "./rpc";

export type ImportTarget = { kind: "residents" } | { kind: "records"; serviceId: string };

/** A row the database refused, by the row number the wizard sent and the values key / field key at fault ('' = the row). */
export interface ImportRowError {
  row: number;
  column: string;
  code: string;
  message_zh: string;
  message_en: string;
}

export interface ImportAnswer {
  created: number;
  updated: number;
  unchanged: number;
  errors: ImportRowError[];
  written: boolean;
}

export interface ImportChunk {
  batchId: string;
  rows: readonly unknown[];
  dryRun: boolean;
  fileName: string;
}

function answerOf(data: Json): ImportAnswer {
  const answer = data && typeof data === "object" && !Array.isArray(data) ? data : {};
  const count = (key: string) => (typeof answer[key] === "number" ? (answer[key] as number) : 0);
  return {
    created: count("created"),
    updated: count("updated"),
    unchanged: count("unchanged"),
    errors: Array.isArray(answer.errors) ? (answer.errors as unknown as ImportRowError[]) : [],
    written: answer.written === true,
  };
}

/** One chunk (≤ 2,000 rows) into the target; nothing is written when any row fails or on a dry run. */
export async function importChunk(target: ImportTarget, { batchId, rows, dryRun, fileName }: ImportChunk): Promise<ImportAnswer> {
  const common = { p_batch_id: batchId, p_rows: rows as Json, p_dry_run: dryRun, p_file_name: fileName };
  const data =
    target.kind === "residents" ? await callRpc("import_residents", common) : await callRpc("import_records", { ...common, p_service_id: target.serviceId });
  return answerOf(data);
}

/** The header → key mapping remembered from the last import into this target (empty when none). */
export async function fetchImportMapping(target: ImportTarget): Promise<Record<string, string>> {
  const request = supabase.from("import_mappings").select("mapping").eq("target", target.kind);
  const { data, error } = await (target.kind === "residents" ? request.is("service_id", null) : request.eq("service_id", target.serviceId)).maybeSingle();
  if (error) throw toHttpError(error);
  const mapping = data?.mapping;
  if (!mapping || typeof mapping !== "object" || Array.isArray(mapping)) return {};
  return Object.fromEntries(Object.entries(mapping).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}

/** Remembers the mapping for the next import into this target (an upsert; allowed to those who may import there). */
export async function saveImportMapping(target: ImportTarget, mapping: Record<string, string>): Promise<void> {
  await callRpc("save_import_mapping", {
    p_target: target.kind,
    // null for the registry: the generated type cannot say a uuid argument takes null
    p_service_id: (target.kind === "records" ? target.serviceId : null) as string,
    p_mapping: mapping,
  });
}
