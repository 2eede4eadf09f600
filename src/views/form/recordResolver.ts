import type { FieldErrors, Resolver, ResolverResult } from "react-hook-form";
import { isEmptyValue, type Language } from "@/contract";
import { fieldTypes } from "@/field-types";
import { withoutHiddenFields } from "@/services/conditions";
import { deriveRecordValues, keptDerivedKeys, localIsoDate } from "@/services/deriveValues";
import { eligibilityIssues, type ApplicantFacts, type ServiceDefinition } from "@/services/schema";
import { validateRecordData } from "@/services/validateRecord";
import { fieldMessages, type RowIssueFormat } from "./recordIssues";

export interface RecordFormValues {
  org_unit_id: string | null;
  data: Record<string, unknown>;
}

/** What the form knows of the person its resident field picked (create only). */
export interface ResolverResident {
  /** answers a picked resident filled, ID number and phone as masks the database replaces (records_link_answer) */
  prefilled: Readonly<Record<string, unknown>>;
  /** derived answers the person gives (their age where the ID number is still the mask: residentDerivedAges) */
  derived: Readonly<Record<string, unknown>>;
  /** age and current tags as the database reads them (resident_facts): eligibility[] is checked with them */
  facts: ApplicantFacts | null;
}

const nobody: ResolverResident = { prefilled: {}, derived: {}, facts: null };

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
  /** create only: the picked resident (see ResolverResident) */
  resident: () => ResolverResident = () => nobody,
): Resolver<RecordFormValues> {
  return async (values): Promise<ResolverResult<RecordFormValues>> => {
    const at = now();
    const { prefilled, derived, facts } = resident();
    // derived values as the database will compute them (it recomputes them anyway); an age the
    // person gives stands where the browser holds only the ID number's mask
    const keepDerived = new Set([...keptDerivedKeys(definition.fields, values.data ?? {}, storedData), ...Object.keys(derived)]);
    const given = { ...(values.data ?? {}), ...derived };
    const data = answersToSave(definition, deriveRecordValues(definition.fields, given, fieldTypes, localIsoDate(at), keepDerived));
    const issues = validateRecordData(definition, data, { fieldTypes, now: at, keepDerived }).filter(
      (issue) => !isUntouchedMaskedAnswer(definition, issue.field, data, storedData) && !isUntouchedMaskedAnswer(definition, issue.field, data, prefilled),
    );
    // who may apply (eligibility[]): the database refuses the same with the same words when filed;
    // a rule naming no field is shown at the resident field
    const residentKey = definition.fields.find((field) => field.type === "resident")?.key ?? "";
    if (facts)
      issues.push(
        ...eligibilityIssues(definition.eligibility, data, facts, localIsoDate(at)).map((issue) => ({ ...issue, field: issue.field || residentKey })),
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
