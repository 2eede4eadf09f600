import type { FieldType } from "../types";
import { multiselectConfigSchema, multiselectDefinition } from "./definition";
import { MultiselectCell } from "./Cell";
import { MultiselectInput } from "./Input";
import { validateMultiselect } from "./validate";

export const multiselect = {
  ...multiselectDefinition,
  validate: validateMultiselect,
  Input: MultiselectInput,
  Cell: MultiselectCell,
} satisfies FieldType<typeof multiselectConfigSchema>;
