// A transition's guard as the designer's pickers edit it: all / any of leaves (field, operator,
// value), never typed code. A guard the pickers cannot show (nested, `not`, another field's
// answer) is reported as complex and left alone until the admin clears it.
import type { ConditionOperator, RuleCondition, RuleLeaf } from "@/services/conditionSchema";
import { describeCondition, type ConditionText } from "@/services/describeCondition";
import type { FieldDefinition } from "@/services/schema";
import type { DraftField } from "./workflowTypes";

export interface GuardLeaf {
  field: string;
  op: ConditionOperator;
  value?: RuleLeaf["value"];
}

export interface SimpleGuard {
  mode: "all" | "any";
  leaves: GuardLeaf[];
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

function asLeaf(value: unknown): GuardLeaf | null {
  if (!isObject(value) || typeof value.field !== "string" || typeof value.op !== "string" || "valueFrom" in value) return null;
  const keys = Object.keys(value);
  if (keys.some((key) => !["field", "op", "value"].includes(key))) return null;
  return value as unknown as GuardLeaf;
}

/** The guard for the pickers: null when there is none, "complex" when they cannot show it. */
export function toSimpleGuard(when: unknown): SimpleGuard | null | "complex" {
  if (when === undefined || when === null) return null;
  if (!isObject(when)) return "complex";
  const single = asLeaf(when);
  if (single) return { mode: "all", leaves: [single] };
  const mode = "all" in when ? "all" : "any" in when ? "any" : null;
  const parts = mode ? when[mode] : null;
  if (!mode || !Array.isArray(parts) || Object.keys(when).length !== 1) return "complex";
  const leaves = parts.map(asLeaf);
  return leaves.every((leaf): leaf is GuardLeaf => leaf !== null) ? { mode, leaves } : "complex";
}

/** The guard to store; undefined when no condition is left (the transition is unguarded). */
export function fromSimpleGuard(guard: SimpleGuard): RuleCondition | undefined {
  if (guard.leaves.length === 0) return undefined;
  const leaves = guard.leaves.map(({ field, op, value }) => (value === undefined ? { field, op } : { field, op, value }));
  return guard.mode === "all" ? { all: leaves } : { any: leaves };
}

const valueless: readonly ConditionOperator[] = ["empty", "not_empty"];
const listed: readonly ConditionOperator[] = ["in", "nin"];
const choiceOps: ConditionOperator[] = ["eq", "neq", "in", "nin", "empty", "not_empty"];
const orderedOps: ConditionOperator[] = ["eq", "neq", "gt", "gte", "lt", "lte", "empty", "not_empty"];
const ordered = new Set(["number", "money", "date", "datetime"]);

/** The operators that make sense for a field's type. */
export function operatorsFor(field: DraftField | undefined): ConditionOperator[] {
  if (!field) return choiceOps;
  if (field.type === "boolean") return ["eq", "neq", "empty", "not_empty"];
  return ordered.has(field.type) ? orderedOps : choiceOps;
}

/** The leaf after its operator changed: the value takes the shape the operator needs. */
export function withOperator(leaf: GuardLeaf, op: ConditionOperator): GuardLeaf {
  if (valueless.includes(op)) return { field: leaf.field, op };
  const value = leaf.value;
  if (listed.includes(op)) return { field: leaf.field, op, value: Array.isArray(value) ? value : value === undefined || isObject(value) ? [] : [value] };
  return { field: leaf.field, op, value: Array.isArray(value) ? value[0] : value };
}

export const operatorTakesValue = (op: ConditionOperator) => !valueless.includes(op);
export const operatorTakesList = (op: ConditionOperator) => listed.includes(op);

/**
 * A draft's guard in words (as the refusal will word it), or null when there is none or it is too
 * broken to word (a draft may hold anything until it is published).
 */
export function describeGuard(fields: readonly DraftField[], when: unknown): ConditionText | null {
  if (when === undefined || when === null) return null;
  try {
    // describeCondition reads key, label, label_en and options only, which a draft field has
    return describeCondition(fields as unknown as FieldDefinition[], when as RuleCondition);
  } catch {
    return null;
  }
}
