import { z } from 'zod';
import { operatorSets } from '../operators';
import { limitsInOrder } from '../shared/config-parts';
import { fileConfigParts } from '../shared/files';
import type { FieldOf, FieldTypeDefinition } from '../types';

/** Images only; `accept` may narrow further, e.g. ["image/jpeg"] for 证件照. */
export const imageDefaultAccept = ['image/*'];

export const imageConfigSchema = z
  .strictObject({ ...fileConfigParts, minCount: z.int().min(0).optional() })
  .superRefine(limitsInOrder('minCount', 'maxCount'));

export type ImageField = FieldOf<typeof imageConfigSchema>;

export const imageDefinition = {
  key: 'image',
  label: { zh: '图片', en: 'Image' },
  icon: 'PictureOutlined',
  storage: 'file[]',
  configSchema: imageConfigSchema,
  filterOperators: operatorSets.presence,
} as const satisfies FieldTypeDefinition<typeof imageConfigSchema>;
