import { z } from 'zod';
import { operatorSets } from '../operators';
import { lengthLimits, limitsInOrder, patternOption, placeholderOption } from '../shared/config-parts';
import type { FieldOf, FieldTypeDefinition } from '../types';

export const textConfigSchema = z
  .strictObject({ ...lengthLimits, ...patternOption, ...placeholderOption })
  .superRefine(limitsInOrder('minLength', 'maxLength'));

export type TextField = FieldOf<typeof textConfigSchema>;

export const textDefinition = {
  key: 'text',
  label: { zh: '单行文本', en: 'Text' },
  icon: 'FontSizeOutlined',
  storage: 'string',
  configSchema: textConfigSchema,
  filterOperators: operatorSets.text,
} as const satisfies FieldTypeDefinition<typeof textConfigSchema>;
