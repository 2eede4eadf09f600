import type { FieldType } from '../types';
import { subTableConfigSchema, subTableDefinition } from './definition';
import { SubTableCell } from './Cell';
import { SubTableInput } from './Input';
import { validateSubTable } from './validate';

export const sub_table = {
  ...subTableDefinition,
  validate: validateSubTable,
  Input: SubTableInput,
  Cell: SubTableCell,
} satisfies FieldType<typeof subTableConfigSchema>;
