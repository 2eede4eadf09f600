import { fieldIssue } from "../issue";
import { isEmptyValue } from "@/contract";
import type { FieldIssue, ValidationContext } from "../types";
import { columnTypeOf, type ColumnTypes, type SubTableField } from "./definition";

const isRow = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Rows are plain objects keyed by column. The first problem wins and names its cell through
 * subPath (`[1].id_number`), so the form can point at the exact cell.
 */
export function validateSubTable(columnTypes: ColumnTypes, field: SubTableField, value: unknown, context: ValidationContext): FieldIssue | null {
  if (!Array.isArray(value) || !value.every(isRow)) return fieldIssue("type");
  if (field.minRows !== undefined && value.length < field.minRows) return fieldIssue("min_items", { min: field.minRows });
  if (field.maxRows !== undefined && value.length > field.maxRows) return fieldIssue("max_items", { max: field.maxRows });
  const columnKeys = new Set(field.columns.map((column) => column.key));
  for (const [index, row] of value.entries()) {
    const unknownKey = Object.keys(row).find((key) => !columnKeys.has(key));
    if (unknownKey !== undefined) return fieldIssue("unknown_field", undefined, `[${index}].${unknownKey}`);
    for (const column of field.columns) {
      const cell = row[column.key];
      const subPath = `[${index}].${column.key}`;
      if (isEmptyValue(cell)) {
        if (column.required) return fieldIssue("required", undefined, subPath);
        continue;
      }
      const issue = columnTypeOf(columnTypes, field.key, column).validate(column, cell, context);
      if (issue) return { ...issue, subPath };
    }
  }
  return null;
}
