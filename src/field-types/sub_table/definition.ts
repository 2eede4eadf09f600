import { z } from "zod";
import { forwardIssues, msg, parseTypeOptions } from "@/contract";
import { operatorSets } from "../operators";
import { limitsInOrder } from "../shared/configParts";
import { everyTypeRoutines } from "../shared/sqlRoutines";
import { fieldLabel } from "../shared/labels";
import type { CellText, FieldOf, FieldType, FieldTypeDefinition, Language, RegisteredFieldType } from "../types";
import { UnknownFieldTypeError } from "../unknownFieldTypeError";

/** Scalar types only: a row cell holding files or another table would not fit a table row. */
export const subTableColumnTypes = ["text", "textarea", "number", "money", "date", "boolean", "select", "id_number", "phone"] as const;
export type SubTableColumnType = (typeof subTableColumnTypes)[number];

/**
 * The column types, handed in by registry.ts when it builds the sub_table type: a sub-table
 * never imports the registry (which imports it), so there is no import circle to read lazily.
 */
export type ColumnTypes = Readonly<Record<SubTableColumnType, RegisteredFieldType>>;

const columnCommon = {
  key: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/, msg("key_format"))
    .max(40),
  label: z.string().min(1),
  label_en: z.string().optional(),
  type: z.string(),
  required: z.boolean().default(false),
  help: z.string().optional(),
  help_en: z.string().optional(),
};
const columnCommonKeys = Object.keys(columnCommon);

const isColumnType = (type: string): type is SubTableColumnType => (subTableColumnTypes as readonly string[]).includes(type);

/**
 * A column's type, as getFieldType gives a field's. The cast widens the specific entry; the
 * column's options were checked against this same type's configSchema.
 */
export function columnTypeOf(columnTypes: ColumnTypes, field: string, column: { key: string; type: string }): FieldType {
  if (!isColumnType(column.type)) throw new UnknownFieldTypeError(field, `${field}.${column.key}`, column.type);
  return columnTypes[column.type] as unknown as FieldType;
}

/** Column options are flat like a field's; they are checked by the column type's own schema. */
export function subTableConfigSchemaFor(columnTypes: ColumnTypes) {
  const columnSchema = z.looseObject(columnCommon).superRefine((column, ctx) => {
    if (!isColumnType(column.type)) {
      ctx.addIssue({ code: "custom", path: ["type"], message: "sub_table_column_type", params: { type: column.type } });
      return;
    }
    const parsed = parseTypeOptions(columnTypes[column.type].configSchema, column, columnCommonKeys);
    if (!parsed.success) forwardIssues(ctx, parsed.error.issues);
  });
  return z
    .strictObject({
      columns: z.array(columnSchema).min(1),
      minRows: z.int().min(0).optional(),
      maxRows: z.int().min(1).optional(),
    })
    .superRefine(limitsInOrder("minRows", "maxRows"))
    .superRefine((config, ctx) => {
      const seen = new Set<string>();
      config.columns.forEach((column, index) => {
        if (seen.has(column.key)) {
          ctx.addIssue({ code: "custom", path: ["columns", index, "key"], message: "duplicate_key", params: { key: column.key } });
        }
        seen.add(column.key);
      });
    });
}

type SubTableConfigSchema = ReturnType<typeof subTableConfigSchemaFor>;
export type SubTableField = FieldOf<SubTableConfigSchema>;
export type SubTableColumn = SubTableField["columns"][number];

/** A row count: a table does not fit one cell of a spreadsheet or a history line. */
function rowCountText(_field: SubTableField, value: unknown): CellText {
  return Array.isArray(value) ? value.length : null;
}

/** An issue inside a row names its column (`[1].id_number`): the column's label. */
function columnLabel(field: SubTableField, part: string, language: Language): string | undefined {
  const column = field.columns.find((c) => c.key === part);
  return column ? fieldLabel(column, language) : undefined;
}

export function subTableDefinitionFor(columnTypes: ColumnTypes) {
  const configSchema = subTableConfigSchemaFor(columnTypes);
  return {
    key: "sub_table",
    label: { zh: "子表", en: "Sub-table" },
    icon: "TableOutlined",
    storage: "row[]",
    configSchema,
    filterOperators: operatorSets.presence,
    sortable: false,
    searchable: false,
    multiple: false,
    holdsFiles: false,
    lookup: null,
    mask: "whole",
    // the definition check walks the columns (check_service_definition), each column's
    // answers go through its own type's branch of field_value_issue
    sqlRoutines: [...everyTypeRoutines, "private.sub_table_column_types", "private.check_service_definition"],
    toText: rowCountText,
    fromText: () => undefined,
    partLabel: columnLabel,
  } as const satisfies FieldTypeDefinition<SubTableConfigSchema>;
}
