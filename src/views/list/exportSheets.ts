// The sheets of an export: the chosen columns of every record (labels in the current language),
// and, if asked, one more sheet per sub-table with a row per entry, headed by the record's first
// chosen column. Rows the database unmasked (export_records with view_sensitive and a reason)
// are written as they came; every other sensitive answer stays masked.
import type { ExportedRecord } from "@/data/exportRecords";
import type { FieldDefinition, ServiceDefinition } from "@/services/schema";
import { fieldLabel } from "@/field-types";
import { fieldText, maskedFieldText } from "../shared/fieldText";
import { exportTable, type ExportContext, type ExportTable } from "./exportRows";

export interface ExportSheet {
  name: string;
  table: ExportTable;
}

type SubRow = Record<string, unknown>;

/** Every field a record has, system columns after: what "全部字段" exports. */
export function allExportColumns(definition: ServiceDefinition): string[] {
  return [...definition.fields.map((f) => f.key), "status", "org_unit_id", "assignee", "due_at", "created_at", "updated_at"];
}

export function exportSheets(
  definition: ServiceDefinition,
  records: readonly ExportedRecord[],
  columns: readonly string[],
  context: ExportContext,
  options: { serviceName: string; subTablesApart: boolean },
): ExportSheet[] {
  const subTables = options.subTablesApart ? definition.fields.filter((f) => f.type === "sub_table" && columns.includes(f.key)) : [];
  const mainColumns = columns.filter((c) => !subTables.some((f) => f.key === c));
  const shown = { ...definition, list: { ...definition.list, columns: mainColumns } };
  // exportTable masks sensitive answers; an unmasked row's answers are originals to keep as they are
  const unmasked = { ...shown, fields: definition.fields.map((f) => ({ ...f, sensitive: false })) };
  const main = records.map((r) => exportTable(r.unmasked ? unmasked : shown, [r], context).rows[0]);
  const sheets: ExportSheet[] = [{ name: options.serviceName, table: { headers: mainColumns.map(context.columnLabel), rows: main } }];

  for (const field of subTables) {
    const subColumns = (field as FieldDefinition & { columns?: FieldDefinition[] }).columns ?? [];
    const first = mainColumns[0];
    const headers = [...(first ? [context.columnLabel(first)] : []), ...subColumns.map((c) => fieldLabel(c, context.language))];
    const rows = records.flatMap((record, index) => {
      const entries = Array.isArray(record.data[field.key]) ? (record.data[field.key] as unknown[]) : [];
      return entries
        .filter((entry): entry is SubRow => typeof entry === "object" && entry !== null)
        .map((entry) => [
          ...(first ? [main[index][0]] : []),
          ...subColumns.map((column) => (record.unmasked ? fieldText : maskedFieldText)(definition.key, column, entry[column.key], context.language, context)),
        ]);
    });
    sheets.push({ name: fieldLabel(field, context.language), table: { headers, rows } });
  }
  return sheets;
}
