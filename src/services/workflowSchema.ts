import { z } from "zod";
import { msg, roleKeySchema } from "@/contract";
import { keySchema, labelSchema } from "./keySchema";

const antdPresetColors = [
  "default",
  "processing",
  "success",
  "error",
  "warning",
  "magenta",
  "red",
  "volcano",
  "orange",
  "gold",
  "lime",
  "green",
  "cyan",
  "blue",
  "geekblue",
  "purple",
];
const colorSchema = z.string().refine((color) => antdPresetColors.includes(color) || /^#[0-9a-fA-F]{6}$/.test(color), msg("color_format"));

/** calendar hours, or 工作日 (working days: weekends and public holidays skipped, 调休 weekend days counted; work_calendar) */
const durationSchema = z.union([
  z.strictObject({ hours: z.number().positive().max(8784) }),
  z.strictObject({ workdays: z.number().int().positive().max(366) }),
]);
/** a duration, or one chosen by a field's answer (urgency red → 2 h …); `default` for other answers */
export const timeLimitSchema = z.union([
  durationSchema,
  z.strictObject({ byField: keySchema, values: z.record(z.string(), durationSchema), default: durationSchema.optional() }),
]);
export type TimeLimit = z.infer<typeof timeLimitSchema>;

export const stateSchema = z.strictObject({
  key: keySchema,
  label: labelSchema,
  label_en: z.string().optional(),
  color: colorSchema,
  terminal: z.boolean().default(false),
  /** hours allowed in this state before the record is overdue; calendar hours (same as timeLimit { hours }) */
  slaHours: z.number().positive().optional(),
  /** how long the record may stay in this state; the database sets due_at from it (private.record_due_at) */
  timeLimit: timeLimitSchema.optional(),
});

/** One original document to check offline (线下核验), e.g. 身份证原件. */
export const checklistItemSchema = z.strictObject({
  key: keySchema,
  label: labelSchema,
  label_en: z.string().optional(),
});

export const transitionSchema = z.strictObject({
  key: keySchema,
  label: labelSchema,
  label_en: z.string().optional(),
  from: z.array(keySchema).min(1),
  to: keySchema,
  roles: z.array(roleKeySchema).min(1),
  requireComment: z.boolean().default(false),
  requireFields: z.array(keySchema).default([]),
  checklist: z.array(checklistItemSchema).default([]),
  /** moves the record to the parent org unit (网格 → 社区 → 街道) */
  escalate: z.boolean().default(false),
});

export const workflowSchema = z.strictObject({
  states: z.array(stateSchema).min(1),
  initial: keySchema,
  transitions: z.array(transitionSchema).default([]),
});

export type WorkflowState = z.infer<typeof stateSchema>;
export type WorkflowTransition = z.infer<typeof transitionSchema>;
export type Workflow = z.infer<typeof workflowSchema>;
