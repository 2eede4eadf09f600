import { z } from "zod";
import { msg, orgUnitLevels, roleKeySchema } from "@/contract";
import { ruleConditionSchema } from "./conditionSchema";
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

const levelSchema = z.enum(orgUnitLevels);
/** an org-unit code as stored in org_units.code (6, 9, 12 or 15 digits) */
const unitCodeSchema = z.string().regex(/^\d{6}(\d{3}(\d{3}(\d{3})?)?)?$/, msg("unit_code_format"));

/**
 * Where an escalation sends the record (its org_unit_id becomes the target):
 * - `true` / `{ to: "parent" }`: the parent unit (`true` is kept for versions written before);
 * - `{ to: "level", level }`: the nearest ancestor of that level (网格 → 街道 in one step);
 * - `{ to: "origin" }`: back to the unit the record was filed at (办结后回到网格现场核查), so the
 *   grid worker on site holds the next step again;
 * - `{ to: "choose", levels?, units? }`: a unit the user picks in the dialog (吹哨报到) among the
 *   record's ancestors of those levels and the units named by code.
 */
export const escalationSchema = z.union([
  z.boolean(),
  z.strictObject({ to: z.literal("parent") }),
  z.strictObject({ to: z.literal("origin") }),
  z.strictObject({ to: z.literal("level"), level: levelSchema }),
  z
    .strictObject({ to: z.literal("choose"), levels: z.array(levelSchema).min(1).optional(), units: z.array(unitCodeSchema).min(1).optional() })
    .refine((choice) => choice.levels !== undefined || choice.units !== undefined, msg("escalation_choice_empty")),
]);
export type Escalation = z.infer<typeof escalationSchema>;

/** Values a transition writes into the record's data, in the same transaction as its event. */
export const setSourceSchema = z.enum(["current_user", "now", "target_level"]);
export const fieldAssignmentSchema = z
  .strictObject({
    field: keySchema,
    /** a constant */
    value: z.union([z.string(), z.number(), z.boolean()]).optional(),
    /** the acting user's id, the current time (date fields: today), or the escalation target's level */
    from: setSourceSchema.optional(),
    /** target_level only: the value to write per level (e.g. street → "l3_street"); a level it does not name sets nothing; without map, the level key */
    map: z.partialRecord(levelSchema, z.union([z.string(), z.number()])).optional(),
  })
  .refine((a) => (a.value === undefined) !== (a.from === undefined), msg("set_value_or_from"))
  .refine((a) => a.map === undefined || a.from === "target_level", msg("set_map_target_level"));
export type FieldAssignment = z.infer<typeof fieldAssignmentSchema>;

/**
 * An outcome written to the registry (issue 12, item 4): when the transition is taken on a record
 * linked to a person, `set` gives them the tag from today (China time) unless they hold it now,
 * `end` ends the current period today. Tags name kinds of public.resident_tag_kinds (the database
 * checks they exist; the age kinds are derived and refused). Only with a resident field.
 * `when`: written only while it holds on the record's answers after the transition (社会救助's
 * 街道审核确认 sets 低保 only for assistance_type 低保, not for 临时救助).
 */
export const tagWriteSchema = z.strictObject({
  tag: keySchema,
  action: z.enum(["set", "end"]),
  note: z.string().max(200).optional(),
  when: ruleConditionSchema.optional(),
});
export type TagWrite = z.infer<typeof tagWriteSchema>;

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
  /**
   * Offered and accepted only while this holds on the record's data, in the language of rules
   * (all / any / not, other fields, today); the database refuses otherwise with the guard described.
   */
  when: ruleConditionSchema.optional(),
  /** moves the record to another org unit; see escalationSchema */
  escalate: escalationSchema.default(false),
  /** fields the transition fills itself (处置层级, 办理人, 办结时间) */
  set: z.array(fieldAssignmentSchema).default([]),
  /** tags the transition sets on or ends for the linked person (写入居民档案); see tagWriteSchema */
  tags: z.array(tagWriteSchema).default([]),
});

export const workflowSchema = z.strictObject({
  states: z.array(stateSchema).min(1),
  initial: keySchema,
  transitions: z.array(transitionSchema).default([]),
});

export type WorkflowState = z.infer<typeof stateSchema>;
export type WorkflowTransition = z.infer<typeof transitionSchema>;
export type Workflow = z.infer<typeof workflowSchema>;
