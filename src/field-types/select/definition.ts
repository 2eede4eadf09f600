import { z } from 'zod';
import { operatorSets } from '../operators';
import { placeholderOption } from '../shared/config-parts';
import { choiceOptionsSchema } from '../shared/choice-options';
import type { FieldOf, FieldTypeDefinition } from '../types';

export const selectConfigSchema = z.strictObject({
  options: choiceOptionsSchema,
  /** radio buttons read better than a dropdown for 2–4 short choices */
  display: z.enum(['dropdown', 'radio']).optional(),
  ...placeholderOption,
});

export type SelectField = FieldOf<typeof selectConfigSchema>;

export const selectDefinition = {
  key: 'select',
  label: { zh: '下拉单选', en: 'Single choice' },
  icon: 'DownSquareOutlined',
  storage: 'string',
  configSchema: selectConfigSchema,
  filterOperators: operatorSets.choice,
} as const satisfies FieldTypeDefinition<typeof selectConfigSchema>;
