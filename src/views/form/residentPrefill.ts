import type { ResidentAttribute } from "@/contract";
import type { ResidentRow, ResidentWriteBack } from "@/data/residents";
import { fieldTypes, isFieldTypeKey, isStoredFileList, type StoredFile } from "@/field-types";
import type { FieldDefinition } from "@/services/schema";

/**
 * Attributes a record may write back to the registry (update_resident_from_record); the ID number
 * is who the person is, hukou_local is derived and hukou_region is a code corrected in the registry.
 */
const writableAttributes: ReadonlySet<ResidentAttribute> = new Set([
  "name",
  "phone",
  "address",
  "ethnicity",
  "political_status",
  "marital_status",
  "hukou_address",
]);

export function isWritableAttribute(attribute: ResidentAttribute): boolean {
  return writableAttributes.has(attribute);
}

/**
 * 本地户籍: the person's 户籍 (hukou_region) lies in the county of the unit they live in (the
 * first 6 digits of its code, GB/T 2260). Null when it cannot be told: no region, a region known
 * only to the prefecture or province (a 6-digit code ending in 00), no unit code. The database's
 * twin is private.hukou_is_local.
 */
export function hukouLocal(hukouRegion: string | null, gridCode: string | null): boolean | null {
  if (!hukouRegion || !/^[1-9]\d{3}(0[1-9]|[1-9]\d)/.test(hukouRegion) || !gridCode || !/^\d{6}/.test(gridCode)) return null;
  return hukouRegion.slice(0, 6) === gridCode.slice(0, 6);
}

/** The person's value of a registry attribute, as the API gives it (ID number and phone masked). */
function attributeValue(person: ResidentRow, attribute: ResidentAttribute, gridCode: string | null): string | boolean | null {
  if (attribute === "grid") return person.grid_org_unit_id;
  if (attribute === "hukou_local") return hukouLocal(person.hukou_region, gridCode);
  return person[attribute];
}

/** A code the field cannot offer would fail the form's own rules: such values are not pre-filled. */
function fieldAccepts(field: FieldDefinition, value: unknown): boolean {
  const options = (field as { options?: unknown }).options;
  return !Array.isArray(options) || options.some((option) => (option as { value?: unknown }).value === value);
}

/**
 * The answers a picked person fills: {field key: value} for every top-level field whose
 * `prefillFrom` names an attribute the person has (hukou_local: derived from their hukou_region
 * and the code of the unit they live in, `gridCode`). ID number and phone arrive masked; the
 * database puts the raw values into the record when the mask is sent back (records_link_answer).
 */
export function residentPrefillValues(
  fields: readonly FieldDefinition[],
  person: ResidentRow,
  gridCode: string | null = null,
): Record<string, string | boolean> {
  const values: Record<string, string | boolean> = {};
  for (const field of fields) {
    if (!field.prefillFrom || field.derive) continue;
    const value = attributeValue(person, field.prefillFrom, gridCode);
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

/** The resident field is the person picked: never reused (crossCheckDerive agrees). */
const nonReusableTypes: ReadonlySet<string> = new Set(["resident"]);

/** Files are reused by copying (reusableFiles, copyFiles), not by sending the previous references. */
const fileTypes: ReadonlySet<string> = new Set(["attachment", "image"]);

/** No answer: none, null, "", or an empty list. */
export const isEmptyAnswer = (value: unknown) => value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0);

/**
 * The answers the person's previous application gives the fields marked `reuse`: {field key:
 * answer as read}. Sensitive answers are the masks the API returns: sent back unchanged, the
 * database puts that record's raw answer in (records_link_answer); any other value is a new
 * answer. A choice the field no longer offers is left out (the form's rules would refuse it).
 */
export function reusedAnswers(fields: readonly FieldDefinition[], previous: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of fields) {
    if (!field.reuse || field.derive || field.prefillFrom || nonReusableTypes.has(field.type) || fileTypes.has(field.type)) continue;
    const value = previous[field.key];
    if (isEmptyAnswer(value)) continue;
    const offered =
      field.sensitive || (Array.isArray(value) && field.type === "multiselect" ? value.every((v) => fieldAccepts(field, v)) : fieldAccepts(field, value));
    if (offered) values[field.key] = value;
  }
  return values;
}

/**
 * The previous application's files the fields marked `reuse` would take: {field key: files as
 * that record references them}. A record may reference only its writer's own uploads
 * (sync_record_attachments), so these are not answers yet: the form copies each one into the
 * user's own folder (copyFiles) and fills the field with the copies. Left out: a masked answer
 * (a sensitive file field the user may not see: nothing to copy), and a list the field's rules
 * refuse today (a type no longer accepted, a file above the size limit, more than maxCount).
 */
export function reusableFiles(fields: readonly FieldDefinition[], previous: Readonly<Record<string, unknown>>): Record<string, StoredFile[]> {
  const files: Record<string, StoredFile[]> = {};
  for (const field of fields) {
    if (!field.reuse || field.derive || field.prefillFrom || !fileTypes.has(field.type) || !isFieldTypeKey(field.type)) continue;
    const value = previous[field.key];
    if (!isStoredFileList(value) || value.length === 0) continue;
    const type = fieldTypes[field.type] as { validate(field: FieldDefinition, value: unknown, context: { now: Date }): unknown };
    if (type.validate(field, value, { now: new Date() }) === null) files[field.key] = value;
  }
  return files;
}

/**
 * Copies files the user may read into new uploads of their own, through the form's ordinary
 * upload (the bucket's size and type limits, its error message): each is downloaded and sent
 * again under its name and type. All or nothing: a file that cannot be copied leaves the field
 * to be uploaded by hand (copies made before it stay unattached uploads, as an abandoned form's).
 */
export async function copyFiles(
  files: readonly StoredFile[],
  download: (path: string) => Promise<Blob>,
  upload: (file: File) => Promise<StoredFile>,
): Promise<StoredFile[]> {
  const copies: StoredFile[] = [];
  for (const file of files) {
    const bytes = await download(file.path);
    copies.push(await upload(new File([bytes], file.name, { type: file.mime || bytes.type })));
  }
  return copies;
}

/** Whether a file answer still holds a copy the previous application gave it (a removed or replaced one no longer says 来自上次申请). */
export function holdsReusedFiles(answer: unknown, copies: unknown): boolean {
  if (!isStoredFileList(answer) || !isStoredFileList(copies)) return false;
  const copied = new Set(copies.map((file) => file.path));
  return answer.some((file) => copied.has(file.path));
}
