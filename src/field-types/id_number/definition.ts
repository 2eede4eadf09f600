import { z } from 'zod';
import { operatorSets } from '../operators';
import { placeholderOption } from '../shared/config-parts';
import type { FieldOf, FieldTypeDefinition } from '../types';

export const idNumberConfigSchema = z.strictObject({ ...placeholderOption });

export type IdNumberField = FieldOf<typeof idNumberConfigSchema>;

export const idNumberDefinition = {
  key: 'id_number',
  label: { zh: '身份证号', en: 'ID number' },
  icon: 'IdcardOutlined',
  storage: 'string',
  configSchema: idNumberConfigSchema,
  filterOperators: operatorSets.identifier,
} as const satisfies FieldTypeDefinition<typeof idNumberConfigSchema>;
