import type { FieldType } from "../types";
import { selectConfigSchema, selectDefinition } from "./definition";
import { SelectCell } from "./Cell";
import { SelectInput } from "./Input";
import { validateSelect } from "./validate";

export const select = {
  ...selectDefinition,
  validate: validateSelect,
  Input: SelectInput,
  Cell: SelectCell,
} satisfies FieldType<typeof selectConfigSchema>;
