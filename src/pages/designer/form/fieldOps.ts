// The form concern's edits as pure functions of the designer document, so each is tested
// without a browser and the page only wires them to buttons, drags and keys.
import { fieldTypes } from "@/field-types";
import type { DesignerDoc, DraftField } from "../designerDoc";
import { keyFromLabel } from "../keyFromLabel";
import { typeDefaults } from "./typeDefaults";

/** Keys a new field may not take: current and removed fields, and every published key (records hold answers under it). */
export function takenKeys(doc: DesignerDoc, published: ReadonlyMap<string, string>): Set<string> {
  return new Set([...doc.definition.fields.map((field) => field.key), ...doc.removedFields.map((field) => field.key), ...published.keys()]);
}

const withFields = (doc: DesignerDoc, fields: DraftField[], removedFields = doc.removedFields): DesignerDoc => ({
  ...doc,
  definition: { ...doc.definition, fields },
  removedFields,
});

/** A label not used yet: the type's name, then 单行文本2, 单行文本3… */
function freshLabel(doc: DesignerDoc, base: string): string {
  const labels = new Set(doc.definition.fields.map((field) => field.label));
  if (!labels.has(base)) return base;
  for (let n = 2; ; n += 1) if (!labels.has(`${base}${n}`)) return `${base}${n}`;
}

/** A new field of `type` with its type's starting options (a choice gets two options to rename). */
export function newField(type: string, label: string, taken: Iterable<string>): DraftField {
  return { key: keyFromLabel(label, taken), label, type, ...typeDefaults(type) };
}

/** Adds a field of `type` after `after` (an index; -1 = first), else at the end; returns the document and the new field's index. */
export function addField(doc: DesignerDoc, type: string, published: ReadonlyMap<string, string>, after?: number): { doc: DesignerDoc; index: number } {
  const typeLabel = Object.hasOwn(fieldTypes, type) ? fieldTypes[type as keyof typeof fieldTypes].label.zh : type;
  const field = newField(type, freshLabel(doc, typeLabel), takenKeys(doc, published));
  const fields = [...doc.definition.fields];
  // after -1: first (a drop above the first field)
  const index = after === undefined ? fields.length : Math.min(Math.max(after + 1, 0), fields.length);
  fields.splice(index, 0, field);
  return { doc: withFields(doc, fields), index };
}

/** Moves the field at `from` to position `to` (the drag's, and 上移/下移's). */
export function moveField(doc: DesignerDoc, from: number, to: number): DesignerDoc {
  const fields = [...doc.definition.fields];
  if (from < 0 || from >= fields.length || to < 0 || to >= fields.length || from === to) return doc;
  const [moved] = fields.splice(from, 1);
  fields.splice(to, 0, moved);
  return withFields(doc, fields);
}

/** 删除: the field goes to removedFields, restorable until the draft is published. */
export function removeField(doc: DesignerDoc, index: number): DesignerDoc {
  const field = doc.definition.fields[index];
  if (!field) return doc;
  return withFields(
    doc,
    doc.definition.fields.filter((_, i) => i !== index),
    [...doc.removedFields, field],
  );
}

/** 恢复: a removed field comes back at the end of the form, with its key (never given to another field). */
export function restoreField(doc: DesignerDoc, removedIndex: number): DesignerDoc {
  const field = doc.removedFields[removedIndex];
  if (!field) return doc;
  return withFields(
    doc,
    [...doc.definition.fields, field],
    doc.removedFields.filter((_, i) => i !== removedIndex),
  );
}

/** Replaces the field at `index` with what `edit` makes of it. */
export function updateField(doc: DesignerDoc, index: number, edit: (field: DraftField) => DraftField): DesignerDoc {
  const field = doc.definition.fields[index];
  if (!field) return doc;
  return withFields(
    doc,
    doc.definition.fields.map((current, i) => (i === index ? edit(current) : current)),
  );
}

/** Whether any other part of the definition names `key` (a condition, a rule, a column, a guard…). */
export function isReferenced(doc: DesignerDoc, key: string, index: number): boolean {
  return mentions({ ...doc.definition, fields: doc.definition.fields.filter((_, i) => i !== index) }, key);
}

/** Whether anything but the field's own options names an option value (a condition, a time limit by answer…). */
export function isOptionValueReferenced(doc: DesignerDoc, index: number, value: string): boolean {
  const fields = doc.definition.fields.map((field, i) => (i === index ? { ...field, options: undefined } : field));
  // a time limit by answer keys its durations by option value ({ values: { urgent: … } })
  return mentions({ ...doc.definition, fields }, value, true);
}

/** Whether `text` appears as a value (as a property name too with `asKey`) anywhere in `node`. */
function mentions(node: unknown, text: string, asKey = false): boolean {
  if (node === text) return true;
  if (Array.isArray(node)) return node.some((item) => mentions(item, text, asKey));
  if (typeof node !== "object" || node === null) return false;
  return (asKey && Object.hasOwn(node, text)) || Object.values(node).some((item) => mentions(item, text, asKey));
}

/**
 * Renames a field. Its key follows the label (pinyin) while nothing can depend on it: never
 * after it was published (records hold answers under it), nor once another part of the
 * definition names it (that reference would break). Renaming never touches data.
 */
export function setFieldLabel(doc: DesignerDoc, index: number, label: string, published: ReadonlyMap<string, string>): DesignerDoc {
  const field = doc.definition.fields[index];
  if (!field) return doc;
  const frozen = published.has(field.key) || isReferenced(doc, field.key, index) || label.trim() === "";
  if (frozen) return updateField(doc, index, (current) => ({ ...current, label }));
  const taken = takenKeys(doc, published);
  taken.delete(field.key);
  const key = keyFromLabel(label, taken);
  return updateField(doc, index, (current) => ({ ...current, label, key }));
}
