// Record-data problems (from validateRecordData in the browser, or record_invalid from the
// database) → one message per form field, in the current language. A problem inside a
// sub-table (`members[1].id_number`) is reported on the sub-table, naming the row and column.
import { getFieldType } from "@/field-types";
import type { ServiceDefinition } from "@/services/schema";
import { isValidationCode, validationMessage, type Language, type MessageParams } from "@/contract";

export interface IssueLike {
  field: string;
  code: string;
  message_zh?: string;
  message_en?: string;
  params?: MessageParams;
}

export interface FieldMessage {
  /** top-level field key ("" = the record as a whole) */
  field: string;
  message: string;
}

export type RowIssueFormat = (params: { row: number; column: string; message: string }) => string;

function messageOf(issue: IssueLike, language: Language): string {
  const own = language === "en" ? issue.message_en : issue.message_zh;
  if (own) return own;
  if (!isValidationCode(issue.code)) return issue.code;
  const both = validationMessage(issue.code, issue.params);
  return language === "en" ? both.message_en : both.message_zh;
}

/** The field's type names the part (a sub-table's column); the key when it cannot. */
function columnLabel(definition: ServiceDefinition, fieldKey: string, columnKey: string, language: Language): string {
  const field = definition.fields.find((f) => f.key === fieldKey);
  if (!field) return columnKey;
  return getFieldType(definition.key, field.key, field.type).partLabel(field, columnKey, language) ?? columnKey;
}

/** The first problem per field wins: one message under an input is what a person can act on. */
export function fieldMessages(definition: ServiceDefinition, issues: readonly IssueLike[], language: Language, rowIssue: RowIssueFormat): FieldMessage[] {
  const byField = new Map<string, string>();
  for (const issue of issues) {
    const match = /^([^[\]]+)\[(\d+)\]\.?(.*)$/.exec(issue.field);
    const field = match ? match[1] : issue.field;
    if (byField.has(field)) continue;
    const message = messageOf(issue, language);
    byField.set(field, match ? rowIssue({ row: Number(match[2]) + 1, column: columnLabel(definition, field, match[3], language), message }) : message);
  }
  return [...byField].map(([field, message]) => ({ field, message }));
}

/** record_invalid's `details`: the JSON array [{field, code, params}] the database wrote. */
export function parseServerIssues(details: string | undefined): IssueLike[] {
  if (!details) return [];
  try {
    const parsed: unknown = JSON.parse(details);
    if (!Array.isArray(parsed)) return [];
    return parsed.flatMap((item: unknown) => {
      if (typeof item !== "object" || item === null) return [];
      const { field, code, params } = item as Record<string, unknown>;
      if (typeof field !== "string" || typeof code !== "string") return [];
      const safeParams = typeof params === "object" && params !== null ? (params as MessageParams) : undefined;
      return [{ field, code, ...(safeParams ? { params: safeParams } : {}) }];
    });
  } catch {
    // not JSON: the caller falls back to the error's general message
    return [];
  }
}
