import { z } from "zod";
import { operatorSets } from "../operators";
import { lengthLimits, limitsInOrder, patternOption, placeholderOption } from "../shared/configParts";
import type { FieldOf, FieldTypeDefinition } from "../types";
import { noParts, plainText, textAsIs } from "../shared/textForms";
import { columnTypeRoutines } from "../shared/sqlRoutines";

export const textConfigSchema = z
  .strictObject({ ...lengthLimits, ...patternOption, ...placeholderOption })
  .superRefine(limitsInOrder("minLength", "maxLength"));

export type TextField = FieldOf<typeof textConfigSchema>;

export const textDefinition = {
  key: "text",
  label: { zh: "单行文本", en: "Text" },
  icon: "FontSizeOutlined",
  storage: "string",
  configSchema: textConfigSchema,
  filterOperators: operatorSets.text,
  sortable: true,
  searchable: true,
  multiple: false,
  holdsFiles: false,
  lookup: null,
  mask: "generic",
  sqlRoutines: [...columnTypeRoutines],
  toText: plainText,
  fromText: textAsIs,
  partLabel: noParts,
} as const satisfies FieldTypeDefinition<typeof textConfigSchema>;
