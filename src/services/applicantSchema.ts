import { z } from "zod";
import { forwardIssues } from "@/contract";
import { conditionOperators, ruleConditionSchema, type RuleCondition } from "./conditionSchema";
import { keySchema, labelSchema } from "./keySchema";

/**
 * What the registry says about the person a record is linked to (records.resident_id), as the
 * eligibility conditions read it: `age` in full years on the filing date, `tags` the keys of the
 * tags current that day (public.resident_tag_kinds: veteran, age_80_plus, dibao …).
 */
export const applicantAttributes = ["age", "tags"] as const;
export type ApplicantAttribute = (typeof applicantAttributes)[number];

const numericOperators = ["eq", "neq", "gt", "gte", "lt", "lte"] as const;
const tagOperators = ["eq", "neq", "in", "nin"] as const;

/**
 * A leaf that reads the person, with the operators of a field condition:
 * `{ "resident": "age", "op": "gte", "value": 80 }`; `{ "resident": "tags", "op": "eq", "value": "veteran" }`
 * (tags is a list, so eq means "has the tag", neq "lacks it", in "has one of them").
 */
export const applicantLeafSchema = z
  .strictObject({
    resident: z.enum(applicantAttributes),
    op: z.enum(conditionOperators),
    value: z.union([z.number(), keySchema, z.array(keySchema).min(1)]),
  })
  .superRefine(({ resident, op, value }, ctx) => {
    const issue = (message: string, path: string, values?: readonly string[]) =>
      ctx.addIssue({ code: "custom", path: [path], message, ...(values && { params: { values: values.join(" | ") } }) });
    if (resident === "age") {
      if (!(numericOperators as readonly string[]).includes(op)) issue("invalid_value", "op", numericOperators);
      else if (typeof value !== "number") issue("condition_value_scalar", "value");
    } else if (!(tagOperators as readonly string[]).includes(op)) {
      issue("invalid_value", "op", tagOperators);
    } else if ((op === "in" || op === "nin") !== Array.isArray(value) || typeof value === "number") {
      issue(op === "in" || op === "nin" ? "condition_value_array" : "condition_value_scalar", "value");
    }
  });
export type ApplicantLeaf = z.infer<typeof applicantLeafSchema>;

/** all / any / not over applicant leaves and the leaves of rules[] (answers). */
export type EligibilityCondition =
  ApplicantLeaf | RuleCondition | { all: EligibilityCondition[] } | { any: EligibilityCondition[] } | { not: EligibilityCondition };

const allSchema = z.strictObject({ all: z.array(z.lazy(() => eligibilityConditionSchema)).min(1) });
const anySchema = z.strictObject({ any: z.array(z.lazy(() => eligibilityConditionSchema)).min(1) });
const notSchema = z.strictObject({ not: z.lazy(() => eligibilityConditionSchema) });

/** Picks the shape the keys announce, as ruleConditionSchema does, so errors point at the part. */
export const eligibilityConditionSchema: z.ZodType<EligibilityCondition> = z.unknown().transform((value, ctx): EligibilityCondition => {
  const keys = typeof value === "object" && value !== null && !Array.isArray(value) ? value : {};
  const schema =
    "all" in keys ? allSchema : "any" in keys ? anySchema : "not" in keys ? notSchema : "resident" in keys ? applicantLeafSchema : ruleConditionSchema;
  const parsed = schema.safeParse(value, { reportInput: true });
  if (parsed.success) return parsed.data as EligibilityCondition;
  forwardIssues(ctx, parsed.error.issues);
  return z.NEVER;
});

/**
 * eligibility[]: who may apply, from the registry. When `when` holds on the answers (always, if
 * absent), `require` must hold for the linked person, else filing is refused with `message`
 * (shown at `field`, else for the whole record). Checked when a record linked to a person is
 * filed: in the browser once the form knows the person (eligibilityIssues), and by the database
 * (private.records_validate_eligibility). Imports and later edits are not checked.
 */
export const eligibilityRuleSchema = z.strictObject({
  when: ruleConditionSchema.optional(),
  require: eligibilityConditionSchema,
  field: keySchema.optional(),
  message: labelSchema,
  message_en: z.string().optional(),
});
export type EligibilityRule = z.infer<typeof eligibilityRuleSchema>;

const duplicateActionSchema = z.enum(["warn", "refuse"]);
export type DuplicateAction = z.infer<typeof duplicateActionSchema>;

/**
 * The action for a kind of duplicate may depend on the new application's answers: `action` when
 * `when` holds (always, without it), else `otherwise` (no check, without it). 社会救助:
 * `{ "action": "refuse", "when": 低保, "otherwise": "warn" }` — a second open 低保 is refused, a
 * 临时救助 (which may be granted again for another hardship) only warned.
 */
const conditionalDuplicateAction = {
  action: duplicateActionSchema,
  when: ruleConditionSchema.optional(),
  otherwise: duplicateActionSchema.optional(),
};
export const conditionalDuplicateActionSchema = z.strictObject(conditionalDuplicateAction);
export type ConditionalDuplicateAction = z.infer<typeof conditionalDuplicateActionSchema>;

/** An action or a conditional one, picked by the shape given so a mistake is reported where it is (not as a failed union). */
const duplicateChoiceSchema = z.unknown().transform((value, ctx): DuplicateAction | ConditionalDuplicateAction => {
  const schema = typeof value === "object" && value !== null && !Array.isArray(value) ? conditionalDuplicateActionSchema : duplicateActionSchema;
  const parsed = schema.safeParse(value, { reportInput: true });
  if (parsed.success) return parsed.data;
  forwardIssues(ctx, parsed.error.issues);
  return z.NEVER;
}) as unknown as z.ZodType<DuplicateAction | ConditionalDuplicateAction, DuplicateAction | z.input<typeof conditionalDuplicateActionSchema>>;

/**
 * duplicates: another record of this service for the same person, with the same answers to
 * `match` (e.g. the benefit applied for). `open`: one not in a terminal state; `held`: one in a
 * state that means the person holds what is applied for (terminal states, e.g. issued). `warn`
 * lets the form ask first (public.find_duplicate_records); `refuse` is enforced by the database.
 * `open` is an action or a conditional one; `held` carries its own `when` / `otherwise`.
 */
export const duplicatesSchema = z.strictObject({
  match: z.array(keySchema).default([]),
  open: duplicateChoiceSchema.optional(),
  held: z.strictObject({ states: z.array(keySchema).min(1), ...conditionalDuplicateAction }).optional(),
});
export type DuplicatesRule = z.infer<typeof duplicatesSchema>;
