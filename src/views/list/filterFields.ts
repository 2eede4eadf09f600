// Which columns a list can filter on, each with the operators its field type allows and a
// field the registry can render an input for. System columns get a synthesised field (status
// as a choice of the workflow's states, units as an org-unit picker …), so the filter editor
// is the same generic code for both.
import type { FieldLike } from "@/contract";
import { getFieldType, type FieldType, type FilterOperator } from "@/field-types";
import type { ServiceDefinition } from "@/services/schema";
import { isSystemColumn, type SystemColumn } from "@/services/systemColumns";

export interface FilterableColumn {
  /** field key, or a system column of `records` */
  name: string;
  field: FieldLike & Record<string, unknown>;
  /** the field's type: it reads URL values (fromText) and says whether answers are lists */
  type: FieldType;
  operators: readonly FilterOperator[];
  /** a timestamptz column filtered by calendar day */
  timestamp: boolean;
}

const timestampColumns = new Set<SystemColumn>(["due_at", "created_at", "updated_at"]);

/** Operators the generic editor can collect a value for. */
function editable(operators: readonly FilterOperator[], field: Record<string, unknown>): FilterOperator[] {
  // "in" needs a list of known choices to pick several from
  return operators.filter((op) => op !== "in" || Array.isArray(field.options));
}

export function systemColumnField(definition: ServiceDefinition, column: SystemColumn, label: string): FieldLike & Record<string, unknown> {
  switch (column) {
    case "status":
      return {
        key: column,
        label,
        type: "select",
        options: definition.workflow.states.map((s) => ({ value: s.key, label: s.label, label_en: s.label_en, color: s.color })),
      };
    case "org_unit_id":
      return { key: column, label, type: "org_unit" };
    case "assignee":
      return { key: column, label, type: "user" };
    default:
      return { key: column, label, type: "date" };
  }
}

export function filterableColumn(definition: ServiceDefinition, name: string, systemLabel: (column: SystemColumn) => string): FilterableColumn | undefined {
  if (isSystemColumn(name)) {
    const field = systemColumnField(definition, name, systemLabel(name));
    const type = getFieldType(definition.key, name, field.type);
    const timestamp = timestampColumns.has(name);
    // a day filter on a moment: ranges only (and "no due date" for due_at)
    const operators = timestamp
      ? type.filterOperators.filter((op) => ["gte", "lte", "between"].includes(op) || (name === "due_at" && (op === "null" || op === "nnull")))
      : type.filterOperators;
    return { name, field, type, operators: editable(operators, field), timestamp };
  }
  const field = definition.fields.find((f) => f.key === name);
  if (!field) return undefined;
  const type = getFieldType(definition.key, field.key, field.type);
  return { name, field, type, operators: editable(type.filterOperators, field), timestamp: false };
}

/** The list's filterable columns, in the order the definition names them. */
export function filterableColumns(definition: ServiceDefinition, systemLabel: (column: SystemColumn) => string): FilterableColumn[] {
  return definition.list.filterable.flatMap((name) => {
    const column = filterableColumn(definition, name, systemLabel);
    return column && column.operators.length > 0 ? [column] : [];
  });
}
