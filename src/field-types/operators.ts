/**
 * Named, shared filter-operator sets (a subset of what @refinedev/supabase maps),
 * so types with the same filtering behaviour cannot drift apart.
 */
export const filterOperatorNames = ["eq", "ne", "contains", "in", "gte", "lte", "between", "null", "nnull"] as const;
export type FilterOperator = (typeof filterOperatorNames)[number];

export const operatorSets = {
  /** free text: substring search, plus exact match for codes typed by hand */
  text: ["contains", "eq", "ne", "null", "nnull"],
  /** identifiers such as ID or phone numbers: exact or partial, never ranges */
  identifier: ["eq", "contains", "null", "nnull"],
  /** numbers, money, dates: ranges */
  range: ["eq", "ne", "gte", "lte", "between", "null", "nnull"],
  /** one value out of a known set */
  choice: ["eq", "ne", "in", "null", "nnull"],
  /** several values out of a known set: "has any of" */
  multiChoice: ["in", "null", "nnull"],
  /** references to org units or users */
  reference: ["eq", "in", "null", "nnull"],
  boolean: ["eq", "null", "nnull"],
  /** files and rows can only be filtered on presence */
  presence: ["null", "nnull"],
} as const satisfies Record<string, readonly FilterOperator[]>;
