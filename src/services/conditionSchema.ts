import { z } from "zod";
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
