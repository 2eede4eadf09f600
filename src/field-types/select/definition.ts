import { z } from "zod";
import { operatorSets } from "../operators";
import { placeholderOption } from "../shared/configParts";
import { choiceLabel, choiceOptionsSchema, choiceValue } from "../shared/choiceOptions";
import type { CellText, FieldOf, FieldTypeDefinition, TextContext } from "../types";
import { columnTypeRoutines } from "../shared/sqlRoutines";
import { noParts } from "../shared/textForms";

export const selectConfigSchema = z.strictObject({
  options: choiceOptionsSchema,
  /** radio buttons read better than a dropdown for 2–4 short choices */
  display: z.enum(["dropdown", "radio"]).optional(),
  ...placeholderOption,
});

export type SelectField = FieldOf<typeof selectConfigSchema>;

function selectText(field: SelectField, value: unknown, { language }: TextContext): CellText {
  return choiceLabel(field.options, String(value), language);
}

/** A stored value, else an option's label (either language); other text as it is. */
function selectFromText(field: SelectField, text: string): string | undefined {
  return text === "" ? undefined : choiceValue(field.options, text);
}

export const selectDefinition = {
  key: "select",
  label: { zh: "下拉单选", en: "Single choice" },
  icon: "DownSquareOutlined",
  storage: "string",
  configSchema: selectConfigSchema,
  filterOperators: operatorSets.choice,
  sortable: true,
  searchable: false,
  multiple: false,
  holdsFiles: false,
  lookup: null,
  mask: "whole",
  sqlRoutines: [...columnTypeRoutines, "private.is_option_value"],
  toText: selectText,
  fromText: selectFromText,
  partLabel: noParts,
} as const satisfies FieldTypeDefinition<typeof selectConfigSchema>;
