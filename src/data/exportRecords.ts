// One page (at most 1,000 ids) of an export through the database: export_records checks the
// `export` grant, unmasks only with view_sensitive and a reason, and logs each page (who, which
// fields unmasked, how many rows; exportId ties the pages of one export together).
import type { RecordRow } from "./records";
import { callRpc } from "./rpc";

export const exportPageSize = 1000;

export type ExportedRecord = RecordRow & { unmasked: boolean };

export interface ExportRequest {
  serviceId: string;
  ids: readonly string[];
  /** the field keys exported; which sensitive ones to unmask */
  columns: readonly string[];
  unmasked: boolean;
  reason?: string;
  exportId: string;
}

export async function exportRecordsPage(request: ExportRequest): Promise<ExportedRecord[]> {
  const answer = await callRpc("export_records", {
    p_service_id: request.serviceId,
    p_ids: [...request.ids],
    p_columns: [...request.columns],
    p_unmasked: request.unmasked,
    p_reason: request.reason ?? "",
    p_export_id: request.exportId,
  });
  const rows = answer && typeof answer === "object" && !Array.isArray(answer) ? answer.rows : undefined;
  return Array.isArray(rows) ? (rows as unknown as ExportedRecord[]) : [];
}
