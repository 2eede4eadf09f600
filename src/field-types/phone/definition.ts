import { z } from 'zod';
import { operatorSets } from '../operators';
import { placeholderOption } from '../shared/config-parts';
import type { FieldOf, FieldTypeDefinition } from '../types';

export const phoneConfigSchema = z.strictObject({
  /** absent means either kind is accepted */
  kind: z.enum(['mobile', 'landline', 'any']).optional(),
  ...placeholderOption,
});

export type PhoneField = FieldOf<typeof phoneConfigSchema>;

export const phoneDefinition = {
  key: 'phone',
  label: { zh: '电话', en: 'Phone' },
  icon: 'PhoneOutlined',
  storage: 'string',
  configSchema: phoneConfigSchema,
  filterOperators: operatorSets.identifier,
} as const satisfies FieldTypeDefinition<typeof phoneConfigSchema>;
