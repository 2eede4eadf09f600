// The rows of a list export: the definition's list columns, labels in the current language,
// state labels instead of keys, and sensitive answers masked whoever exports (a spreadsheet
// travels further than the screen it was made on).
import dayjs from "dayjs";
import type { Language } from "@/contract";
import type { ServiceDefinition } from "@/services/schema";
import { isSystemColumn, type SystemColumn } from "@/services/systemColumns";
import type { RecordRow } from "@/data/records";
import { maskedFieldText, type CellText, type NameLookups } from "../shared/fieldText";
import { formatDateTime } from "../shared/recordTiming";
import { stateLabel } from "../shared/StatusTag";

export interface ExportContext extends NameLookups {
  language: Language;
  columnLabel(name: string): string;
  /** The record's unit with its ancestors below the exporter's top unit (views/shared/unitLabel.ts); else its own name. */
  orgUnitLabel?(id: string): string | undefined;
}

export interface ExportTable {
  headers: string[];
  rows: CellText[][];
}

function systemText(definition: ServiceDefinition, column: SystemColumn, record: RecordRow, context: ExportContext): CellText {
  switch (column) {
    case "status":
      return stateLabel(definition, record.status, context.language);
    case "org_unit_id":
      return context.orgUnitLabel?.(record.org_unit_id) ?? context.orgUnitName(record.org_unit_id) ?? record.org_unit_id;
    case "assignee":
      return record.assignee ? (context.userName(record.assignee) ?? record.assignee) : null;
    default:
      return record[column] ? formatDateTime(record[column]) : null;
  }
}

export function exportTable(definition: ServiceDefinition, records: readonly RecordRow[], context: ExportContext): ExportTable {
  const columns = definition.list.columns;
  const rows = records.map((record) =>
    columns.map((name) => {
      if (isSystemColumn(name)) return systemText(definition, name, record, context);
      const field = definition.fields.find((f) => f.key === name);
      return field ? maskedFieldText(definition.key, field, record.data[name], context.language, context) : null;
    }),
  );
  return { headers: columns.map(context.columnLabel), rows };
}

/** `<服务名>-<date>.xlsx`, with characters that file systems refuse replaced. */
export function exportFileName(serviceName: string, now: Date): string {
  const safe = serviceName.replace(/[\\/:*?"<>|]/g, "_").trim() || "export";
  return `${safe}-${dayjs(now).format("YYYY-MM-DD")}.xlsx`;
}
