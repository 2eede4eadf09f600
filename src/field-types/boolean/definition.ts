import { z } from 'zod';
import { operatorSets } from '../operators';
import type { FieldOf, FieldTypeDefinition } from '../types';

export const booleanConfigSchema = z.strictObject({
  /** wording of the two answers, e.g. 已建档 / 未建档; defaults to 是 / 否 */
  trueLabel: z.string().optional(),
  trueLabel_en: z.string().optional(),
  falseLabel: z.string().optional(),
  falseLabel_en: z.string().optional(),
});

export type BooleanField = FieldOf<typeof booleanConfigSchema>;

export const booleanDefinition = {
  key: 'boolean',
  label: { zh: '是/否', en: 'Yes / No' },
  icon: 'CheckSquareOutlined',
  storage: 'boolean',
  configSchema: booleanConfigSchema,
  filterOperators: operatorSets.boolean,
} as const satisfies FieldTypeDefinition<typeof booleanConfigSchema>;
