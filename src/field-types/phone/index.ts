import type { FieldType } from "../types";
import { phoneConfigSchema, phoneDefinition } from "./definition";
import { PhoneCell } from "./Cell";
import { PhoneInput } from "./Input";
import { validatePhone } from "./validate";

export const phone = {
  ...phoneDefinition,
  validate: validatePhone,
  Input: PhoneInput,
  Cell: PhoneCell,
} satisfies FieldType<typeof phoneConfigSchema>;
