import { z } from 'zod';
import { operatorSets } from '../operators';
import { placeholderOption } from '../shared/config-parts';
import type { FieldOf, FieldTypeDefinition } from '../types';

export const datetimeConfigSchema = z.strictObject({ ...placeholderOption });

export type DatetimeField = FieldOf<typeof datetimeConfigSchema>;

export const datetimeDefinition = {
  key: 'datetime',
  label: { zh: '日期时间', en: 'Date and time' },
  icon: 'FieldTimeOutlined',
  storage: 'string',
  configSchema: datetimeConfigSchema,
  filterOperators: operatorSets.range,
} as const satisfies FieldTypeDefinition<typeof datetimeConfigSchema>;
