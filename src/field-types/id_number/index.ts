import type { FieldType } from "../types";
import { idNumberConfigSchema, idNumberDefinition } from "./definition";
import { IdNumberCell } from "./Cell";
import { IdNumberInput } from "./Input";
import { idNumberBirthDate, idNumberProblem, idNumberSex } from "./gb11643";
import { validateIdNumber } from "./validate";

export const id_number = {
  ...idNumberDefinition,
  validate: validateIdNumber,
  // as stored (no 15-digit upgrade), like private.derive_record_values
  birthDate: (value: unknown) => (typeof value === "string" && idNumberProblem(value) === null ? idNumberBirthDate(value) : null),
  sex: (value: unknown) => (typeof value === "string" && idNumberProblem(value) === null ? idNumberSex(value) : null),
  Input: IdNumberInput,
  Cell: IdNumberCell,
} satisfies FieldType<typeof idNumberConfigSchema>;
