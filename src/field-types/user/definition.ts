import { z } from 'zod';
import { msg } from '../../services/definition-messages';
import { operatorSets } from '../operators';
import { placeholderOption } from '../shared/config-parts';
import type { FieldOf, FieldTypeDefinition } from '../types';

export const userConfigSchema = z.strictObject({
  /** a hint for the search loader: only offer users holding one of these roles */
  roles: z.array(z.string().regex(/^[a-z_]+$/, msg('role_key_format'))).min(1).optional(),
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
