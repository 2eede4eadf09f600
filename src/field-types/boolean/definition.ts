import { z } from "zod";
import { operatorSets } from "../operators";
import type { CellText, FieldOf, FieldTypeDefinition, TextContext } from "../types";
import { columnTypeRoutines } from "../shared/sqlRoutines";
import { booleanAnswerLabels } from "./answerLabels";
import { noParts } from "../shared/textForms";

export const booleanConfigSchema = z.strictObject({
  /** wording of the two answers, e.g. 已建档 / 未建档; defaults to 是 / 否 */
  trueLabel: z.string().optional(),
  trueLabel_en: z.string().optional(),
  falseLabel: z.string().optional(),
  falseLabel_en: z.string().optional(),
});

export type BooleanField = FieldOf<typeof booleanConfigSchema>;

function booleanText(field: BooleanField, value: unknown, { language }: TextContext): CellText {
  const { yes, no } = booleanAnswerLabels(field, language);
  return value === true ? yes : value === false ? no : String(value);
}

/** "true"/"false" (as URLs hold them) or the field's own answer words. */
function booleanFromText(field: BooleanField, text: string): boolean | undefined {
  const zh = booleanAnswerLabels(field, "zh");
  const en = booleanAnswerLabels(field, "en");
  if (text === "true" || text === zh.yes || text === en.yes) return true;
  if (text === "false" || text === zh.no || text === en.no) return false;
  return undefined;
}

export const booleanDefinition = {
  key: "boolean",
  label: { zh: "是/否", en: "Yes / No" },
  icon: "CheckSquareOutlined",
  storage: "boolean",
  configSchema: booleanConfigSchema,
  filterOperators: operatorSets.boolean,
  sortable: true,
  searchable: false,
  multiple: false,
  holdsFiles: false,
  lookup: null,
  mask: "whole",
  sqlRoutines: [...columnTypeRoutines],
  toText: booleanText,
  fromText: booleanFromText,
  partLabel: noParts,
} as const satisfies FieldTypeDefinition<typeof booleanConfigSchema>;
