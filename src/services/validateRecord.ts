import { fieldIssueMessage, isEmptyValue, validationMessage, type FieldTypeCatalog, type ValidationCode } from "@/contract";
import { isFieldRequired, visibleFieldKeys } from "./conditions";
import type { ServiceDefinition } from "./definitionSchema";

/** One problem in a record's data; `field` may point into a sub_table: `members[1].id_number`. */
export interface RecordIssue {
  field: string;
  code: ValidationCode;
  message_zh: string;
  message_en: string;
}

export interface RecordValidationOptions {
  /** The field types that check each answer (`fieldTypes` from src/field-types). */
  fieldTypes: FieldTypeCatalog;
  /** "Today" for date limits; injected so validation stays pure. */
  now?: Date;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The browser half of record validation; the database trigger is the other half and must
 * agree on every case in tests/shared/validation-corpus. Hidden fields are neither required
 * nor checked: whatever they hold is ignored (and dropped on save, see withoutHiddenFields).
 * `definition` must come from parseServiceDefinition, which vouches for every field's options.
 */
export function validateRecordData(definition: ServiceDefinition, data: unknown, { fieldTypes, now = new Date() }: RecordValidationOptions): RecordIssue[] {
  if (!isPlainObject(data)) return [{ field: "", code: "type", ...validationMessage("type") }];
  const issues: RecordIssue[] = [];
  const known = new Set(definition.fields.map((field) => field.key));
  for (const key of Object.keys(data)) {
    if (!known.has(key)) issues.push({ field: key, code: "unknown_field", ...validationMessage("unknown_field") });
  }
  const visible = visibleFieldKeys(definition.fields, data);
  for (const field of definition.fields) {
    if (!visible.has(field.key)) continue;
    const value = data[field.key];
    if (isEmptyValue(value)) {
      if (isFieldRequired(field, data, visible)) issues.push({ field: field.key, code: "required", ...validationMessage("required") });
      continue;
    }
    // parseServiceDefinition checked every field's type against the same registry
    const issue = fieldTypes[field.type].validate(field, value, { now });
    if (issue) issues.push({ field: field.key + (issue.subPath ?? ""), code: issue.code, ...fieldIssueMessage(issue) });
  }
  return issues;
}
