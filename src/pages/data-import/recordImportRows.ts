// A sheet row → a row of import_records ({row, org_unit_id, data}), through the same checks a
// form save goes through (checkSheetRows → validateRecordData). Units are named in the sheet
// (as the 可选值 sheet lists them) and become ids here; the record's unit is the answer of its
// record-unit field, or the 所属单位 column. The database checks everything again.
import { checkSheetRows } from "@/pages/sheet-import/checkSheetRows";
import { cellText, isBlankCell, type SheetCell } from "@/pages/sheet-import/sheetCells";
import type { ServiceDefinition } from "@/services/schema";
import { choiceFinder, type HeaderMapping, type ImportColumn } from "./importColumns";
import { problem, type RowConverter, type RowProblem } from "./importRows";
import { recordUnitColumn } from "./recordImportColumns";

export interface RecordImportRow {
  row: number;
  org_unit_id: string;
  data: Record<string, unknown>;
}

export function recordRowConverter(
  definition: ServiceDefinition,
  columns: readonly ImportColumn[],
  headers: readonly string[],
  mapping: HeaderMapping,
  now = new Date(),
): RowConverter<RecordImportRow> {
  const headerOf = new Map(mapping.flatMap((key, i) => (key ? [[key, headers[i]!] as const] : [])));
  const indexOf = new Map(mapping.flatMap((key, i) => (key ? [[key, i] as const] : [])));
  const unitColumns = columns.filter((c) => c.choices && (c.key === recordUnitColumn || definition.fields.find((f) => f.key === c.key)?.type === "org_unit"));
  const unitFinders = new Map(unitColumns.map((c) => [c.key, choiceFinder(c.choices!)]));
  const recordUnitField = definition.fields.find((field) => field.recordUnit)?.key ?? recordUnitColumn;
  // the row check reads cells in the definition's field order
  const fieldCells = definition.fields.map((field) => indexOf.get(field.key));
  const headerFor = (label: string) => headerOf.get(definition.fields.find((f) => f.label === label)?.key ?? "") ?? label;

  return (cells: readonly SheetCell[], rowNumber: number) => {
    const problems: RowProblem[] = [];
    const unitIds = new Map<string, string>();
    for (const [key, find] of unitFinders) {
      const index = indexOf.get(key);
      const cell = index === undefined ? null : (cells[index] ?? null);
      if (isBlankCell(cell)) continue;
      const text = cellText(cell);
      const unit = find(text);
      if (unit) unitIds.set(key, unit.value);
      else
        problems.push(
          problem(
            rowNumber,
            headerOf.get(key)!,
            `「${text}」不是您范围内可选的单位，请按模板「可选值」表填写`,
            `"${text}" is not a unit you may choose: see the template's 可选值 sheet`,
          ),
        );
    }
    const ordered = definition.fields.map((field, i): SheetCell => {
      if (unitIds.has(field.key)) return unitIds.get(field.key)!;
      if (unitFinders.has(field.key)) return null;
      const index = fieldCells[i];
      return index === undefined ? null : (cells[index] ?? null);
    });
    const check = checkSheetRows(definition, { name: "", headerRow: 1, headers: [], rows: [{ rowNumber, cells: ordered }], unnamedColumns: 0 }, now);
    const unread = new Set(problems.map((p) => p.column));
    for (const issue of check.problems) {
      const column = headerFor(issue.column);
      if (!unread.has(column)) problems.push({ ...issue, column });
    }
    const orgUnitId = unitIds.get(recordUnitField);
    if (problems.length === 0 && !orgUnitId) {
      const header = headerOf.get(recordUnitField) ?? columns.find((c) => c.key === recordUnitField)?.label ?? recordUnitField;
      problems.push(problem(rowNumber, header, "请填写记录所属的单位", "The record's unit is required"));
    }
    if (problems.length > 0) return { ok: false, problems };
    return { ok: true, row: { row: rowNumber, org_unit_id: orgUnitId!, data: check.records[0]!.data } };
  };
}
