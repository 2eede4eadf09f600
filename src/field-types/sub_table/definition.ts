import { z } from 'zod';
import { msg } from '../../services/definition-messages';
import { fieldTypes } from '../registry';
import { operatorSets } from '../operators';
import { limitsInOrder } from '../shared/config-parts';
import { forwardIssues, parseTypeOptions } from '../shared/parse-config';
import type { FieldOf, FieldTypeDefinition } from '../types';

/** Scalar types only: a row cell holding files or another table would not fit a table row. */
export const subTableColumnTypes = ['text', 'textarea', 'number', 'money', 'date', 'boolean', 'select', 'id_number', 'phone'] as const;

const columnCommon = {
  key: z.string().regex(/^[a-z][a-z0-9_]*$/, msg('key_format')).max(40),
  label: z.string().min(1),
  label_en: z.string().optional(),
  type: z.string(),
  required: z.boolean().default(false),
  help: z.string().optional(),
  help_en: z.string().optional(),
};
const columnCommonKeys = Object.keys(columnCommon);

/** Column options are flat like a field's; they are checked by the column type's own schema. */
const columnSchema = z.looseObject(columnCommon).superRefine((column, ctx) => {
  if (!(subTableColumnTypes as readonly string[]).includes(column.type)) {
    ctx.addIssue({ code: 'custom', path: ['type'], message: 'sub_table_column_type', params: { type: column.type } });
    return;
  }
  // read lazily: the registry imports this module, so it is complete only at parse time
  const configSchema = fieldTypes[column.type as (typeof subTableColumnTypes)[number]].configSchema;
  const parsed = parseTypeOptions(configSchema, column, columnCommonKeys);
  if (!parsed.success) forwardIssues(ctx, parsed.error.issues);
});

export const subTableConfigSchema = z
  .strictObject({
    columns: z.array(columnSchema).min(1),
    minRows: z.int().min(0).optional(),
    maxRows: z.int().min(1).optional(),
  })
  .superRefine(limitsInOrder('minRows', 'maxRows'))
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.columns.forEach((column, index) => {
      if (seen.has(column.key)) {
        ctx.addIssue({ code: 'custom', path: ['columns', index, 'key'], message: 'duplicate_key', params: { key: column.key } });
      }
      seen.add(column.key);
    });
  });

export type SubTableField = FieldOf<typeof subTableConfigSchema>;
export type SubTableColumn = SubTableField['columns'][number];

export const subTableDefinition = {
  key: 'sub_table',
  label: { zh: '子表', en: 'Sub-table' },
  icon: 'TableOutlined',
  storage: 'row[]',
  configSchema: subTableConfigSchema,
  filterOperators: operatorSets.presence,
} as const satisfies FieldTypeDefinition<typeof subTableConfigSchema>;
