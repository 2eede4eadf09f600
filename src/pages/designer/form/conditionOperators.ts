import { fieldTypes, type FilterOperator } from "@/field-types";
import type { ConditionOperator } from "@/services/schema";

/** Each list filter a type allows, as the condition operators that mean the same. */
const fromFilter: Readonly<Record<FilterOperator, readonly ConditionOperator[]>> = {
  eq: ["eq"],
  ne: ["neq"],
  in: ["in", "nin"],
  gte: ["gt", "gte"],
  lte: ["lt", "lte"],
  null: ["empty"],
  nnull: ["not_empty"],
  contains: [],
  between: [],
};

/** The order the picker lists them in. */
const order: readonly ConditionOperator[] = ["eq", "neq", "in", "nin", "gt", "gte", "lt", "lte", "empty", "not_empty"];

/**
 * The operators a condition on a field of `type` may use: what its type filters by (a date
 * compares, a file is only there or not). A list answer (multiselect) also takes eq, which means
 * "includes".
 */
export function conditionOperatorsFor(type: string): ConditionOperator[] {
  if (!Object.hasOwn(fieldTypes, type)) return ["empty", "not_empty"];
  const fieldType = fieldTypes[type as keyof typeof fieldTypes];
  const allowed = new Set<ConditionOperator>(fieldType.filterOperators.flatMap((op) => fromFilter[op]));
  if (fieldType.multiple) allowed.add("eq");
  return order.filter((op) => allowed.has(op));
}

/** What the value side of a condition holds for an operator. */
export function operatorValueKind(op: ConditionOperator): "none" | "list" | "single" {
  if (op === "empty" || op === "not_empty") return "none";
  return op === "in" || op === "nin" ? "list" : "single";
}

/** Comparisons may also read another field or today's date (rules only). */
export const comparisonOperators: readonly ConditionOperator[] = ["eq", "neq", "gt", "gte", "lt", "lte"];
