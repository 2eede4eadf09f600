import { z } from "zod";
import { operatorSets } from "../operators";
import { limitsInOrder, placeholderOption } from "../shared/configParts";
import { choiceLabel, choiceOptionsSchema, choiceValue } from "../shared/choiceOptions";
import type { CellText, FieldOf, FieldTypeDefinition, TextContext } from "../types";
import { everyTypeRoutines } from "../shared/sqlRoutines";
import { listSeparator, noParts } from "../shared/textForms";

export const multiselectConfigSchema = z
  .strictObject({
    options: choiceOptionsSchema,
    minItems: z.int().min(0).optional(),
    maxItems: z.int().min(1).optional(),
    display: z.enum(["dropdown", "checkbox"]).optional(),
    ...placeholderOption,
  })
  .superRefine(limitsInOrder("minItems", "maxItems"));

export type MultiselectField = FieldOf<typeof multiselectConfigSchema>;

function multiselectText(field: MultiselectField, value: unknown, { language }: TextContext): CellText {
  return Array.isArray(value) ? value.map((item) => choiceLabel(field.options, item, language)).join(listSeparator(language)) : String(value);
}

/** One chosen value (filters and imports split lists first). */
function multiselectFromText(field: MultiselectField, text: string): string | undefined {
  return text === "" ? undefined : choiceValue(field.options, text);
}

export const multiselectDefinition = {
  key: "multiselect",
  label: { zh: "多选", en: "Multiple choice" },
  icon: "CheckCircleOutlined",
  storage: "string[]",
  configSchema: multiselectConfigSchema,
  filterOperators: operatorSets.multiChoice,
  sortable: true,
  searchable: false,
  multiple: true,
  holdsFiles: false,
  lookup: null,
  mask: "whole",
  sqlRoutines: [...everyTypeRoutines, "private.is_option_value"],
  toText: multiselectText,
  fromText: multiselectFromText,
  partLabel: noParts,
} as const satisfies FieldTypeDefinition<typeof multiselectConfigSchema>;
