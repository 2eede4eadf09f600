import { z } from 'zod';
import { operatorSets } from '../operators';
import { placeholderOption } from '../shared/config-parts';
import type { FieldOf, FieldTypeDefinition } from '../types';

/** Levels of the org tree (州 → 县/市 → 街道/乡镇 → 社区/村 → 网格). */
export const orgUnitLevels = ['prefecture', 'county', 'street', 'community', 'grid'] as const;

export const orgUnitConfigSchema = z.strictObject({
  /** only units at these levels can be chosen, e.g. ["grid"] for 所属网格 */
  levels: z.array(z.enum(orgUnitLevels)).min(1).optional(),
  ...placeholderOption,
});

export type OrgUnitField = FieldOf<typeof orgUnitConfigSchema>;

export const orgUnitDefinition = {
  key: 'org_unit',
  label: { zh: '组织/网格', en: 'Org unit' },
  icon: 'ApartmentOutlined',
  storage: 'string',
  configSchema: orgUnitConfigSchema,
  filterOperators: operatorSets.reference,
} as const satisfies FieldTypeDefinition<typeof orgUnitConfigSchema>;
