import { z } from "zod";
import { forwardIssues } from "@/contract";
import { keySchema } from "./keySchema";

/**
 * A condition is data, never code: `{ field, op, value }`. The same operators are
 * implemented by conditions.ts and by the database trigger.
 */
export const conditionOperators = ["eq", "neq", "in", "nin", "empty", "not_empty", "gt", "gte", "lt", "lte"] as const;
export type ConditionOperator = (typeof conditionOperators)[number];

const scalarSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type ConditionScalar = z.infer<typeof scalarSchema>;

export const conditionSchema = z
  .strictObject({
    field: keySchema,
    op: z.enum(conditionOperators),
    value: z.union([scalarSchema, z.array(scalarSchema)]).optional(),
  })
  .superRefine((condition, ctx) => {
    const { op, value } = condition;
    const issue = (message: string) => ctx.addIssue({ code: "custom", path: ["value"], message });
    if (op === "empty" || op === "not_empty") {
      if (value !== undefined) issue("condition_value_forbidden");
    } else if (op === "in" || op === "nin") {
      if (!Array.isArray(value)) issue("condition_value_array");
    } else if (value === undefined) {
      issue("condition_value_required");
    } else if (Array.isArray(value)) {
      issue("condition_value_scalar");
    }
  });

export type Condition = z.infer<typeof conditionSchema>;

/** `{ "today": true }`: the current date (YYYY-MM-DD, China time in the database) as the value. */
const todaySchema = z.strictObject({ today: z.literal(true) });
const comparisonOperators: readonly ConditionOperator[] = ["eq", "neq", "gt", "gte", "lt", "lte"];

/**
 * A leaf of a rule condition: like a visibility condition, but the other side may also be
 * another field's answer (`valueFrom`) or today's date (`value: { today: true }`).
 */
export const ruleLeafSchema = z
  .strictObject({
    field: keySchema,
    op: z.enum(conditionOperators),
    value: z.union([scalarSchema, z.array(scalarSchema), todaySchema]).optional(),
    valueFrom: keySchema.optional(),
  })
  .superRefine((condition, ctx) => {
    const { op, value, valueFrom } = condition;
    const issue = (message: string, path = "value") => ctx.addIssue({ code: "custom", path: [path], message });
    if (valueFrom !== undefined) {
      if (value !== undefined) issue("condition_value_forbidden");
      else if (!comparisonOperators.includes(op)) issue("condition_value_scalar", "valueFrom");
      return;
    }
    const isToday = typeof value === "object" && value !== null && !Array.isArray(value);
    if (op === "empty" || op === "not_empty") {
      if (value !== undefined) issue("condition_value_forbidden");
    } else if (op === "in" || op === "nin") {
      if (!Array.isArray(value)) issue("condition_value_array");
    } else if (value === undefined) {
      issue("condition_value_required");
    } else if (Array.isArray(value) || (isToday && !comparisonOperators.includes(op))) {
      issue("condition_value_scalar");
    }
  });
export type RuleLeaf = z.infer<typeof ruleLeafSchema>;

/** all / any / not over leaves: the conditions of rules[] (and of transition guards). */
export type RuleCondition = RuleLeaf | { all: RuleCondition[] } | { any: RuleCondition[] } | { not: RuleCondition };
const allSchema = z.strictObject({ all: z.array(z.lazy(() => ruleConditionSchema)).min(1) });
const anySchema = z.strictObject({ any: z.array(z.lazy(() => ruleConditionSchema)).min(1) });
const notSchema = z.strictObject({ not: z.lazy(() => ruleConditionSchema) });

/**
 * Picks the one shape the keys announce (all / any / not, else a leaf) rather than trying a
 * union, so a mistake is reported where it is (`rules[0].require.all[1].value`) with its own
 * code, not as "matches none of the shapes".
 */
export const ruleConditionSchema: z.ZodType<RuleCondition> = z.unknown().transform((value, ctx): RuleCondition => {
  const keys = typeof value === "object" && value !== null && !Array.isArray(value) ? value : {};
  const schema = "all" in keys ? allSchema : "any" in keys ? anySchema : "not" in keys ? notSchema : ruleLeafSchema;
  const parsed = schema.safeParse(value, { reportInput: true });
  if (parsed.success) return parsed.data;
  forwardIssues(ctx, parsed.error.issues);
  return z.NEVER;
});
