import type { FieldType } from "../types";
import { idNumberConfigSchema, idNumberDefinition } from "./definition";
import { IdNumberCell } from "./Cell";
import { IdNumberInput } from "./Input";
import { validateIdNumber } from "./validate";

export const id_number = {
  ...idNumberDefinition,
  validate: validateIdNumber,
  Input: IdNumberInput,
  Cell: IdNumberCell,
} satisfies FieldType<typeof idNumberConfigSchema>;
