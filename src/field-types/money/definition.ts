import { z } from "zod";
import { operatorSets } from "../operators";
import { limitsInOrder, numberLimits, placeholderOption } from "../shared/configParts";
import type { FieldOf, FieldTypeDefinition } from "../types";
import { noParts, numberFromText, numberText } from "../shared/textForms";
import { columnTypeRoutines } from "../shared/sqlRoutines";

/** Amounts in yuan as a JSON number with at most 2 decimals (fen), matching numeric(…, 2). */
export const moneyConfigSchema = z.strictObject({ ...numberLimits, ...placeholderOption }).superRefine(limitsInOrder("min", "max"));

export type MoneyField = FieldOf<typeof moneyConfigSchema>;

export const moneyDefinition = {
  key: "money",
  label: { zh: "金额（元）", en: "Amount (CNY)" },
  icon: "MoneyCollectOutlined",
  storage: "number",
  configSchema: moneyConfigSchema,
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
} as const satisfies FieldTypeDefinition<typeof moneyConfigSchema>;
