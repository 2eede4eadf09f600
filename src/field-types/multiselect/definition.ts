import { z } from 'zod';
import { operatorSets } from '../operators';
import { limitsInOrder, placeholderOption } from '../shared/config-parts';
import { choiceOptionsSchema } from '../shared/choice-options';
import type { FieldOf, FieldTypeDefinition } from '../types';

export const multiselectConfigSchema = z
  .strictObject({
    options: choiceOptionsSchema,
    minItems: z.int().min(0).optional(),
    maxItems: z.int().min(1).optional(),
    display: z.enum(['dropdown', 'checkbox']).optional(),
    ...placeholderOption,
  })
  .superRefine(limitsInOrder('minItems', 'maxItems'));

export type MultiselectField = FieldOf<typeof multiselectConfigSchema>;

export const multiselectDefinition = {
  key: 'multiselect',
  label: { zh: '多选', en: 'Multiple choice' },
  icon: 'CheckCircleOutlined',
  storage: 'string[]',
  configSchema: multiselectConfigSchema,
  filterOperators: operatorSets.multiChoice,
} as const satisfies FieldTypeDefinition<typeof multiselectConfigSchema>;
