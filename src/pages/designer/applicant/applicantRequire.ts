// An eligibility rule's `require` as the pickers edit it: one person leaf (申请人年龄 ≥ 60, 申请人
// 有标签 退役军人), or all / any of them. A require that mixes in answer leaves or nests deeper is
// valid in the language (applicantSchema.ts) but is not offered here: it is shown as written and
// can be replaced.
import type { ApplicantLeaf, EligibilityCondition } from "@/services/applicantSchema";

export interface PersonGroup {
  mode: "all" | "any";
  leaves: ApplicantLeaf[];
}

const isPersonLeaf = (part: unknown): part is ApplicantLeaf => typeof part === "object" && part !== null && "resident" in part;

/** The require as all/any of person leaves, or null when it holds more than the pickers edit. */
export function personGroup(require: unknown): PersonGroup | null {
  if (require === undefined) return { mode: "all", leaves: [] };
  if (isPersonLeaf(require)) return { mode: "all", leaves: [require] };
  if (typeof require !== "object" || require === null) return null;
  const node = require as Record<string, unknown>;
  if (Array.isArray(node.all) && node.all.every(isPersonLeaf)) return { mode: "all", leaves: node.all };
  if (Array.isArray(node.any) && node.any.every(isPersonLeaf)) return { mode: "any", leaves: node.any };
  return null;
}

/** Back to the language: one leaf → the leaf, several → all / any of them (none → undefined). */
export function personCondition({ mode, leaves }: PersonGroup): EligibilityCondition | undefined {
  if (leaves.length === 0) return undefined;
  if (leaves.length === 1) return leaves[0];
  return mode === "all" ? { all: leaves } : { any: leaves };
}

export const ageOperators = ["gte", "lte", "gt", "lt", "eq", "neq"] as const;
export const tagOperators = ["eq", "neq", "in", "nin"] as const;
export type TagOperator = (typeof tagOperators)[number];

/** The leaf after picking another tag operator: a list for in / nin, one tag for eq / neq. */
export function withTagOperator(leaf: ApplicantLeaf, op: TagOperator): ApplicantLeaf {
  const list = op === "in" || op === "nin";
  const tags = Array.isArray(leaf.value) ? leaf.value : typeof leaf.value === "string" ? [leaf.value] : [];
  if (list) return { resident: "tags", op, value: tags };
  return { resident: "tags", op, value: tags[0] ?? "" };
}
