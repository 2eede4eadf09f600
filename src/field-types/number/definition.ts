import { z } from "zod";
import { operatorSets } from "../operators";
import { limitsInOrder, numberLimits, placeholderOption } from "../shared/configParts";
import type { FieldOf, FieldTypeDefinition } from "../types";
import { noParts, numberFromText, numberText } from "../shared/textForms";
import { columnTypeRoutines } from "../shared/sqlRoutines";

export const numberConfigSchema = z
  .strictObject({
    ...numberLimits,
    ...placeholderOption,
    integer: z.boolean().optional(),
    /** shown after the input and in cells, e.g. 人, 岁, 小时 */
    unit: z.string().optional(),
    unit_en: z.string().optional(),
  })
  .superRefine(limitsInOrder("min", "max"));

export type NumberField = FieldOf<typeof numberConfigSchema>;

export const numberDefinition = {
  key: "number",
  label: { zh: "数字", en: "Number" },
  icon: "NumberOutlined",
  storage: "number",
  configSchema: numberConfigSchema,
  filterOperators: operatorSets.range,
  sortable: true,
  searchable: false,
  multiple: false,
  holdsFiles: false,
  lookup: null,
  mask: "whole",
  sqlRoutines: [...columnTypeRoutines, "private.json_double"],
  toText: numberText,
  fromText: numberFromText,
  partLabel: noParts,
} as const satisfies FieldTypeDefinition<typeof numberConfigSchema>;
