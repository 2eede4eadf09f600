import { z } from "zod";
import { forwardIssues, parseTypeOptions, residentAttributes, type FieldTypeCatalog } from "@/contract";
import { conditionSchema } from "./conditionSchema";
import { defaultSchema, deriveSchema } from "./deriveSchema";
import { keySchema, labelSchema } from "./keySchema";

/** Keys every field has. Everything else on a field is an option of its type. */
export const fieldCommon = {
  key: keySchema,
  label: labelSchema,
  label_en: z.string().optional(),
  type: z.string().min(1),
  required: z.boolean().default(false),
  /** masked by the database for roles without view_sensitive (PIPL Art. 28) */
  sensitive: z.boolean().default(false),
  /** why this item is collected (PIPL Art. 6); required when sensitive */
  purpose: z.string().trim().min(1).optional(),
  purpose_en: z.string().optional(),
  help: z.string().optional(),
  help_en: z.string().optional(),
  visibleWhen: conditionSchema.optional(),
  requiredWhen: conditionSchema.optional(),
  /**
   * When the field is answered: "intake" (the create form) or the keys of the transitions whose
   * dialog asks for it (优待证编号 at 制证完成). The database refuses a value before its stage.
   * Absent means intake (see stages.ts).
   */
  stage: z.union([z.literal("intake"), z.array(keySchema).min(1)]).optional(),
  /**
   * The resident registry's attribute this field holds (residentAttributes: name, id_number,
   * phone, address, grid …): pre-filled from the person, and what registers or finds them
   */
  prefillFrom: z.enum(residentAttributes).optional(),
  /**
   * Filled from the picked person's previous application: the newest record of this service
   * linked to the same person that the user reads (shown as 来自上次申请, confirmable). For facts
   * that stay true between applications (a bank account, an employer, household members). Sensitive
   * answers arrive masked; the database puts the raw value in when the mask is sent back unchanged
   * (records_link_answer). Not for files, the resident field, derived or prefillFrom fields.
   */
  reuse: z.boolean().optional(),
  /** computed from other fields, read-only in the form, recomputed by the database (deriveSchema.ts) */
  derive: deriveSchema.optional(),
  /** pre-filled by the create form, filled by the database on insert when missing */
  default: defaultSchema.optional(),
  /** org_unit only: the answer is the record's unit (records.org_unit_id), picked once */
  recordUnit: z.boolean().optional(),
  /**
   * Layout only, never read by the database: fields with the same section are shown under one
   * heading (sections in order of first appearance); a half-width field shares its row with the
   * next half-width one on wide screens.
   */
  section: z.string().trim().min(1).optional(),
  section_en: z.string().optional(),
  width: z.enum(["full", "half"]).optional(),
};
export const fieldCommonKeys: readonly string[] = Object.keys(fieldCommon);

/** A field: the common keys, then its options checked by its own type's configSchema. */
export function fieldSchemaFor(fieldTypes: FieldTypeCatalog) {
  return z.looseObject(fieldCommon).superRefine((field, ctx) => {
    if (!Object.hasOwn(fieldTypes, field.type)) {
      ctx.addIssue({ code: "custom", path: ["type"], message: "unknown_field_type", params: { type: field.type } });
      return;
    }
    const parsed = parseTypeOptions(fieldTypes[field.type].configSchema, field, fieldCommonKeys);
    if (!parsed.success) forwardIssues(ctx, parsed.error.issues);
  });
}

export type FieldDefinition = z.infer<ReturnType<typeof fieldSchemaFor>>;
