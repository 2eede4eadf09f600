import type { FieldType } from "../types";
import { numberConfigSchema, numberDefinition } from "./definition";
import { NumberCell } from "./Cell";
import { NumberInput } from "./Input";
import { validateNumber } from "./validate";

export const number = {
  ...numberDefinition,
  validate: validateNumber,
  Input: NumberInput,
  Cell: NumberCell,
} satisfies FieldType<typeof numberConfigSchema>;
