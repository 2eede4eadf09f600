import type { FieldErrors, Resolver, ResolverResult } from "react-hook-form";
import { isEmptyValue, type Language } from "@/contract";
import { fieldTypes } from "@/field-types";
import { withoutHiddenFields } from "@/services/conditions";
import { deriveRecordValues, keptDerivedKeys, localIsoDate } from "@/services/deriveValues";
import type { ServiceDefinition } from "@/services/schema";
import { validateRecordData } from "@/services/validateRecord";
import { fieldMessages, type RowIssueFormat } from "./recordIssues";

export interface RecordFormValues {
  org_unit_id: string | null;
  data: Record<string, unknown>;
}

export interface ResolverTexts {
  unitRequired: string;
  rowIssue: RowIssueFormat;
}

/**
 * The answers to save: hidden fields dropped (they must never reach the record) and empty
 * answers left out, so "no answer" has one spelling in records.data.
 */
export function answersToSave(definition: ServiceDefinition, data: Record<string, unknown>): Record<string, unknown> {
  const visible = withoutHiddenFields(definition.fields, data);
  return Object.fromEntries(Object.entries(visible).filter(([, value]) => !isEmptyValue(value)));
}

/**
 * react-hook-form resolver running the same validateRecordData the database mirrors. On
 * success the resolved values are what will be saved (see answersToSave).
 */
export function recordResolver(
  definition: ServiceDefinition,
  language: Language,
  texts: ResolverTexts,
  now: () => Date = () => new Date(),
  storedData: Record<string, unknown> = {},
  /** create only: answers a picked resident filled, ID number and phone as masks the database replaces (records_link_answer) */
  prefilled: () => Readonly<Record<string, unknown>> = () => ({}),
): Resolver<RecordFormValues> {
  return async (values): Promise<ResolverResult<RecordFormValues>> => {
    const at = now();
    // derived values as the database will compute them (it recomputes them anyway)
    const keepDerived = keptDerivedKeys(definition.fields, values.data ?? {}, storedData);
    const data = answersToSave(definition, deriveRecordValues(definition.fields, values.data ?? {}, fieldTypes, localIsoDate(at), keepDerived));
    const issues = validateRecordData(definition, data, { fieldTypes, now: at, keepDerived }).filter(
      (issue) => !isUntouchedMaskedAnswer(definition, issue.field, data, storedData) && !isUntouchedMaskedAnswer(definition, issue.field, data, prefilled()),
    );
    const dataErrors: Record<string, { type: string; message: string }> = {};
    for (const { field, message } of fieldMessages(definition, issues, language, texts.rowIssue)) {
      dataErrors[field] = { type: "validate", message };
    }
    const errors: FieldErrors<RecordFormValues> = {};
    // a new record's unit is the answer of the record-unit field, if the definition has one (the
    // database sets it the same way); an edit never moves a record
    const unitField = definition.fields.find((field) => field.recordUnit);
    const creating = Object.keys(storedData).length === 0;
    const orgUnit = unitField && creating ? (typeof data[unitField.key] === "string" ? (data[unitField.key] as string) : null) : values.org_unit_id;
    if (!orgUnit) {
      if (unitField) dataErrors[unitField.key] ??= { type: "required", message: texts.unitRequired };
      else errors.org_unit_id = { type: "required", message: texts.unitRequired };
    }
    if (Object.keys(dataErrors).length > 0) errors.data = dataErrors as FieldErrors<RecordFormValues>["data"];
    if (Object.keys(errors).length > 0) return { values: {}, errors };
    return { values: { org_unit_id: orgUnit, data }, errors: {} };
  };
}

/**
 * The database sends sensitive answers masked (433**************5) and keeps the original; an
 * edit that leaves one untouched sends the mask back, which means "keep it". Such a value fails
 * the field's own rules by design, so the browser leaves its check to the database.
 */
export function isUntouchedMaskedAnswer(
  definition: ServiceDefinition,
  issueField: string,
  data: Record<string, unknown>,
  storedData: Record<string, unknown>,
): boolean {
  const key = issueField.split(/[.[]/)[0];
  const field = definition.fields.find((f) => f.key === key);
  return field?.sensitive === true && key in storedData && JSON.stringify(data[key]) === JSON.stringify(storedData[key]);
}
