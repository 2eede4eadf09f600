import { z } from "zod";
import { operatorSets } from "../operators";
import { lengthLimits, limitsInOrder, placeholderOption } from "../shared/configParts";
import type { FieldOf, FieldTypeDefinition } from "../types";
import { noParts, plainText, textAsIs } from "../shared/textForms";
import { columnTypeRoutines } from "../shared/sqlRoutines";

export const textareaConfigSchema = z
  .strictObject({ ...lengthLimits, ...placeholderOption, rows: z.int().min(2).max(20).optional() })
  .superRefine(limitsInOrder("minLength", "maxLength"));

export type TextareaField = FieldOf<typeof textareaConfigSchema>;

export const textareaDefinition = {
  key: "textarea",
  label: { zh: "多行文本", en: "Long text" },
  icon: "AlignLeftOutlined",
  storage: "string",
  configSchema: textareaConfigSchema,
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
} as const satisfies FieldTypeDefinition<typeof textareaConfigSchema>;
