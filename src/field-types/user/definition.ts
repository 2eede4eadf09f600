import { z } from 'zod';
import { roleKeySchema } from '../../services/roles';
import { operatorSets } from '../operators';
import { placeholderOption } from '../shared/config-parts';
import type { FieldOf, FieldTypeDefinition } from '../types';

export const userConfigSchema = z.strictObject({
  /** a hint for the search loader: only offer users holding one of these roles */
  roles: z.array(roleKeySchema).min(1).optional(),
  ...placeholderOption,
});

export type UserField = FieldOf<typeof userConfigSchema>;

export const userDefinition = {
  key: 'user',
  label: { zh: '人员', en: 'User' },
  icon: 'UserOutlined',
  storage: 'string',
  configSchema: userConfigSchema,
  filterOperators: operatorSets.reference,
} as const satisfies FieldTypeDefinition<typeof userConfigSchema>;
