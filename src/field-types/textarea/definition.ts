import { z } from 'zod';
import { operatorSets } from '../operators';
import { lengthLimits, limitsInOrder, placeholderOption } from '../shared/config-parts';
import type { FieldOf, FieldTypeDefinition } from '../types';

export const textareaConfigSchema = z
  .strictObject({ ...lengthLimits, ...placeholderOption, rows: z.int().min(2).max(20).optional() })
  .superRefine(limitsInOrder('minLength', 'maxLength'));

export type TextareaField = FieldOf<typeof textareaConfigSchema>;

export const textareaDefinition = {
  key: 'textarea',
  label: { zh: '多行文本', en: 'Long text' },
  icon: 'AlignLeftOutlined',
  storage: 'string',
  configSchema: textareaConfigSchema,
  filterOperators: operatorSets.text,
} as const satisfies FieldTypeDefinition<typeof textareaConfigSchema>;
