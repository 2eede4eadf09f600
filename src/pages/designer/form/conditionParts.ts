// Conditions as the pickers edit them: a leaf is field + operator + value; a rule's condition is
// one leaf, or all / any of leaves. Deeper nesting (not, all inside any) is valid in the language
// but is not offered here; such a condition is shown in words and can be replaced.
import type { RuleCondition, RuleLeaf } from "@/services/conditionSchema";
import type { ConditionOperator } from "@/services/schema";
import { operatorValueKind } from "./conditionOperators";

export type Leaf = RuleLeaf;
export interface LeafGroup {
  mode: "all" | "any";
  leaves: Leaf[];
}

/** The leaf after picking another operator: the value is kept when it still fits, else cleared. */
export function withOperator(leaf: Leaf, op: ConditionOperator): Leaf {
  const kind = operatorValueKind(op);
  const { value, valueFrom, field } = leaf;
  if (kind === "none") return { field, op };
  if (valueFrom !== undefined) return { field, op, valueFrom };
  if (kind === "list")
    return { field, op, value: Array.isArray(value) ? value : value === undefined || value === null || typeof value === "object" ? [] : [value] };
  if (Array.isArray(value)) return value.length > 0 ? { field, op, value: value[0] } : { field, op };
  return value === undefined ? { field, op } : { field, op, value };
}

/** The leaf after picking another field: the operator stays if that field's type allows it, the value goes. */
export function withField(leaf: Leaf, field: string, allowed: readonly ConditionOperator[]): Leaf {
  const op = allowed.includes(leaf.op) ? leaf.op : (allowed[0] ?? "not_empty");
  return withOperator({ field, op }, op);
}

/** A condition as all/any of leaves, or null when it is nested deeper than the pickers go. */
export function leafGroup(condition: RuleCondition | undefined): LeafGroup | null {
  if (condition === undefined) return { mode: "all", leaves: [] };
  const isLeaf = (part: RuleCondition): part is Leaf => "field" in part;
  if (isLeaf(condition)) return { mode: "all", leaves: [condition] };
  if ("all" in condition && condition.all.every(isLeaf)) return { mode: "all", leaves: condition.all };
  if ("any" in condition && condition.any.every(isLeaf)) return { mode: "any", leaves: condition.any };
  return null;
}

/** Back to the language: no leaf → none, one leaf → the leaf, several → all / any of them. */
export function groupCondition({ mode, leaves }: LeafGroup): RuleCondition | undefined {
  if (leaves.length === 0) return undefined;
  if (leaves.length === 1) return leaves[0];
  return mode === "all" ? { all: leaves } : { any: leaves };
}
