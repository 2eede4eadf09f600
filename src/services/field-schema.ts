import { z } from 'zod';
import { fieldTypes, type FieldTypeKey } from '../field-types/registry';
import { forwardIssues, parseTypeOptions } from '../field-types/shared/parse-config';
import { conditionSchema } from './condition-schema';
import { keySchema, labelSchema } from './key-schema';

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
  help: z.string().optional(),
  help_en: z.string().optional(),
  visibleWhen: conditionSchema.optional(),
  requiredWhen: conditionSchema.optional(),
  /** attribute of the resident registry to pre-fill from, e.g. "id_number" */
  prefillFrom: keySchema.optional(),
};
export const fieldCommonKeys: readonly string[] = Object.keys(fieldCommon);

export const fieldSchema = z.looseObject(fieldCommon).superRefine((field, ctx) => {
  if (!Object.hasOwn(fieldTypes, field.type)) {
    ctx.addIssue({ code: 'custom', path: ['type'], message: 'unknown_field_type', params: { type: field.type } });
    return;
  }
  const configSchema = fieldTypes[field.type as FieldTypeKey].configSchema;
  const parsed = parseTypeOptions(configSchema, field, fieldCommonKeys);
  if (!parsed.success) forwardIssues(ctx, parsed.error.issues);
});

export type FieldDefinition = z.infer<typeof fieldSchema>;
