import type { FieldType } from "../types";
import { dateConfigSchema, dateDefinition } from "./definition";
import { DateCell } from "./Cell";
import { DateInput } from "./Input";
import { validateDate } from "./validate";

export const date = {
  ...dateDefinition,
  validate: validateDate,
  Input: DateInput,
  Cell: DateCell,
} satisfies FieldType<typeof dateConfigSchema>;
