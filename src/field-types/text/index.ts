import type { FieldType } from "../types";
import { textConfigSchema, textDefinition } from "./definition";
import { TextCell } from "./Cell";
import { TextInput } from "./Input";
import { validateText } from "./validate";

export const text = {
  ...textDefinition,
  validate: validateText,
  Input: TextInput,
  Cell: TextCell,
} satisfies FieldType<typeof textConfigSchema>;
