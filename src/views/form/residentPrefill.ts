import type { ResidentAttribute } from "@/contract";
import type { ResidentRow, ResidentWriteBack } from "@/data/residents";
import type { FieldDefinition } from "@/services/schema";

/** Attributes a record may write back to the registry (update_resident_from_record); the ID number is who the person is. */
const writableAttributes: ReadonlySet<ResidentAttribute> = new Set(["name", "phone", "address", "ethnicity", "political_status", "marital_status"]);

export function isWritableAttribute(attribute: ResidentAttribute): boolean {
  return writableAttributes.has(attribute);
}

/** The person's value of a registry attribute, as the API gives it (ID number and phone masked). */
function attributeValue(person: ResidentRow, attribute: ResidentAttribute): string | null {
  return attribute === "grid" ? person.grid_org_unit_id : person[attribute];
}

/** A code the field cannot offer would fail the form's own rules: such values are not pre-filled. */
function fieldAccepts(field: FieldDefinition, value: string): boolean {
  const options = (field as { options?: unknown }).options;
  return !Array.isArray(options) || options.some((option) => (option as { value?: unknown }).value === value);
}

/**
 * The answers a picked person fills: {field key: value} for every top-level field whose
 * `prefillFrom` names an attribute the person has. ID number and phone arrive masked; the
 * database puts the raw values into the record when the mask is sent back (records_link_answer).
 */
export function residentPrefillValues(fields: readonly FieldDefinition[], person: ResidentRow): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of fields) {
    if (!field.prefillFrom || field.derive) continue;
    const value = attributeValue(person, field.prefillFrom);
    if (value !== null && value !== "" && fieldAccepts(field, value)) values[field.key] = value;
  }
  return values;
}

/**
 * What to write back: the corrected answers of the pre-filled fields staff ticked, keyed by
 * registry attribute; an answer equal to what was pre-filled (or emptied) is not a correction.
 */
export function residentWriteBack(
  fields: readonly FieldDefinition[],
  prefilled: Readonly<Record<string, unknown>>,
  ticked: ReadonlySet<string>,
  answers: Readonly<Record<string, unknown>>,
): ResidentWriteBack {
  const changes: Record<string, string> = {};
  for (const field of fields) {
    if (!field.prefillFrom || !ticked.has(field.key) || !isWritableAttribute(field.prefillFrom)) continue;
    const answer = answers[field.key];
    if (typeof answer === "string" && answer.trim() !== "" && answer !== prefilled[field.key]) changes[field.prefillFrom] = answer;
  }
  return changes as ResidentWriteBack;
}

/**
 * Derived ages the picked person answers: {field key: age} for every `age` derivation whose
 * source is the ID number field the person pre-filled, while it still holds what was pre-filled
 * (the mask: the browser cannot read a birth date from it). The age comes from resident_facts
 * (the database's, today in China time); the form keeps it as given (deriveRecordValues' `keep`),
 * and the database recomputes it from the raw number it puts into the record. A number typed
 * over the mask derives the age from itself again.
 */
export function residentDerivedAges(
  fields: readonly FieldDefinition[],
  prefilled: Readonly<Record<string, unknown>>,
  answers: Readonly<Record<string, unknown>>,
  age: number | null,
): Record<string, number> {
  if (age === null) return {};
  const untouchedIdNumbers = new Set(
    fields
      .filter((field) => field.prefillFrom === "id_number" && field.key in prefilled && answers[field.key] === prefilled[field.key])
      .map((field) => field.key),
  );
  const ages: Record<string, number> = {};
  for (const field of fields) {
    if (field.derive?.fn === "age" && untouchedIdNumbers.has(field.derive.from)) ages[field.key] = age;
  }
  return ages;
}
