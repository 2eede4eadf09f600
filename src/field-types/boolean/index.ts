import type { FieldType } from "../types";
import { booleanConfigSchema, booleanDefinition } from "./definition";
import { BooleanCell } from "./Cell";
import { BooleanInput } from "./Input";
import { validateBoolean } from "./validate";

export const boolean = {
  ...booleanDefinition,
  validate: validateBoolean,
  Input: BooleanInput,
  Cell: BooleanCell,
} satisfies FieldType<typeof booleanConfigSchema>;
