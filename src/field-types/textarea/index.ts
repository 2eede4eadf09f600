import type { FieldType } from "../types";
import { textareaConfigSchema, textareaDefinition } from "./definition";
import { TextareaCell } from "./Cell";
import { TextareaInput } from "./Input";
import { validateTextarea } from "./validate";

export const textarea = {
  ...textareaDefinition,
  validate: validateTextarea,
  Input: TextareaInput,
  Cell: TextareaCell,
} satisfies FieldType<typeof textareaConfigSchema>;
