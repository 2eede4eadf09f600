import { z } from 'zod';
import { msg } from '../../services/definition-messages';
import { operatorSets } from '../operators';
import { limitsInOrder, placeholderOption } from '../shared/config-parts';
import { isIsoDate } from '../shared/dates';
import type { FieldOf, FieldTypeDefinition } from '../types';

/** A limit is a fixed date or "today" (e.g. 退役时间 cannot be in the future). */
const dateLimit = z
  .string()
  .refine((value) => value === 'today' || isIsoDate(value), msg('date_limit_format'))
  .optional();

export const dateConfigSchema = z
  .strictObject({ min: dateLimit, max: dateLimit, ...placeholderOption })
  .superRefine(limitsInOrder('min', 'max'));

export type DateField = FieldOf<typeof dateConfigSchema>;

export const dateDefinition = {
  key: 'date',
  label: { zh: '日期', en: 'Date' },
  icon: 'CalendarOutlined',
  storage: 'string',
  configSchema: dateConfigSchema,
  filterOperators: operatorSets.range,
} as const satisfies FieldTypeDefinition<typeof dateConfigSchema>;
