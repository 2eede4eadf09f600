import { z } from "zod";
import { ruleConditionSchema } from "./conditionSchema";
import { keySchema, labelSchema } from "./keySchema";

/**
 * A cross-field rule as data: when `when` holds (always, if absent), `require` must hold, else
 * the record is refused with `message`. The issue is shown at `field`, by default the first field
 * `require` reads. Checked with the same verdict by validateRecordData and the database
 * (private.record_data_issues), on the answers that are shown, derived values included.
 */
export const ruleSchema = z.strictObject({
  when: ruleConditionSchema.optional(),
  require: ruleConditionSchema,
  field: keySchema.optional(),
  message: labelSchema,
  message_en: z.string().optional(),
});

export type Rule = z.infer<typeof ruleSchema>;
