// A field's value as plain text (or a number), for places that cannot render a React cell:
// spreadsheet exports and the history's "old → new" lines. The registry's Cells stay the
// source of truth for display; this mirrors them by storage kind and the type's options.
import { booleanAnswerLabels } from "../../field-types/boolean/answer-labels";
import type { BooleanField } from "../../field-types/boolean/definition";
import { getFieldType } from "../../field-types/get-field-type";
import { maskGeneric, maskIdNumber, maskPhone } from "../../field-types/mask";
import { choiceLabel, type ChoiceOption } from "../../field-types/shared/choice-options";
import { isStoredFileList } from "../../field-types/shared/files";
import { isEmptyValue } from "../../field-types/shared/is-empty";
import type { Language } from "../../field-types/types";
import type { FieldDefinition } from "../../services/schema";

export interface NameLookups {
  orgUnitName(id: string): string | undefined;
  userName(id: string): string | undefined;
}

export type CellText = string | number | null;

/** How a list of answers is joined in one cell: the enumeration comma in Chinese. */
const listSeparator = (language: Language) => (language === "en" ? ", " : "\u3001");

function optionsOf(field: FieldDefinition): ChoiceOption[] | undefined {
  const options = (field as { options?: unknown }).options;
  return Array.isArray(options) ? (options as ChoiceOption[]) : undefined;
}

export function fieldText(serviceKey: string, field: FieldDefinition, value: unknown, language: Language, lookups: NameLookups): CellText {
  if (isEmptyValue(value)) return null;
  const { storage } = getFieldType(serviceKey, field.key, field.type);
  const options = optionsOf(field);
  switch (storage) {
    case "number":
      return typeof value === "number" ? value : String(value);
    case "boolean": {
      const { yes, no } = booleanAnswerLabels(field as BooleanField, language);
      return value === true ? yes : value === false ? no : String(value);
    }
    case "string[]":
      return Array.isArray(value) ? value.map((item) => (options ? choiceLabel(options, item, language) : String(item))).join(listSeparator(language)) : String(value);
    case "file[]":
      return isStoredFileList(value) ? value.map((file) => file.name).join(listSeparator(language)) : null;
    case "row[]":
      return Array.isArray(value) ? value.length : null;
    case "string": {
      const text = String(value);
      if (options) return choiceLabel(options, text, language);
      if (field.type === "org_unit") return lookups.orgUnitName(text) ?? text;
      if (field.type === "user") return lookups.userName(text) ?? text;
      return text;
    }
  }
}

/** Masks for sensitive answers (PIPL): ID numbers and phones keep their usual visible parts. */
const masks: Readonly<Record<string, (value: string) => string>> = { id_number: maskIdNumber, phone: maskPhone };

export function maskedFieldText(serviceKey: string, field: FieldDefinition, value: unknown, language: Language, lookups: NameLookups): CellText {
  const text = fieldText(serviceKey, field, value, language, lookups);
  if (!field.sensitive || text === null) return text;
  const mask = masks[field.type] ?? maskGeneric;
  return mask(String(text));
}
