// A field's value as plain text (or a number), for places that cannot render a React cell:
// spreadsheet exports, the history's "old → new" lines, task summaries. Each field type says
// how (toText) and how it is masked (mask); the registry's Cells stay the source of truth for display.
import { isEmptyValue, type Language } from "@/contract";
import { getFieldType, maskAnswerText, type CellText } from "@/field-types";
import type { FieldDefinition } from "@/services/schema";

export type { CellText };

export interface NameLookups {
  orgUnitName(id: string): string | undefined;
  /** A unit with its ancestors below the reader's top unit; unit answers and the record's unit prefer it. */
  orgUnitLabel?(id: string): string | undefined;
  userName(id: string): string | undefined;
}

export function fieldText(serviceKey: string, field: FieldDefinition, value: unknown, language: Language, lookups: NameLookups): CellText {
  if (isEmptyValue(value)) return null;
  return getFieldType(serviceKey, field.key, field.type).toText(field, value, { language, lookups });
}

/** Masks for sensitive answers (PIPL), the same shapes the database stores for readers without view_sensitive. */
export function maskedFieldText(serviceKey: string, field: FieldDefinition, value: unknown, language: Language, lookups: NameLookups): CellText {
  const text = fieldText(serviceKey, field, value, language, lookups);
  if (!field.sensitive || text === null) return text;
  return maskAnswerText(getFieldType(serviceKey, field.key, field.type).mask, String(text));
}
