import { fieldTypes } from "@/field-types";
import { fieldCommonKeys } from "@/services/fieldSchema";
import type { DesignerDoc, DraftField } from "../designerDoc";
import { keyFromLabel } from "../keyFromLabel";
import { takenKeys } from "./fieldOps";
import { typeDefaults } from "./typeDefaults";

/** Keys that mean something for any type; the rest of a field belongs to its type. */
const keptKeys = new Set(fieldCommonKeys.filter((key) => !["type", "derive", "default", "recordUnit"].includes(key)));

/** The field as `type`: common settings kept, the old type's options and type-bound settings dropped. */
export function retypedField(field: DraftField, type: string): DraftField {
  const kept = Object.fromEntries(Object.entries(field).filter(([key]) => keptKeys.has(key)));
  const supportsPlaceholder = Object.hasOwn(fieldTypes, type) && "placeholder" in fieldTypes[type as keyof typeof fieldTypes].configSchema.shape;
  const placeholder = supportsPlaceholder ? { placeholder: field.placeholder, placeholder_en: field.placeholder_en } : {};
  const next = { ...kept, ...placeholder, type, ...typeDefaults(type) } as DraftField;
  return Object.fromEntries(Object.entries(next).filter(([, value]) => value !== undefined)) as DraftField;
}

/**
 * Changes a field's type. A field never published changes in place. A published one keeps its
 * key and type forever (records hold answers of that type under it), so "改为新字段" adds a new
 * field with a new key where it was and moves the old one to the removed fields, restorable
 * until publish; old records keep showing it under their own version.
 */
export function changeFieldType(doc: DesignerDoc, index: number, type: string, published: ReadonlyMap<string, string>): DesignerDoc {
  const field = doc.definition.fields[index];
  if (!field || field.type === type) return doc;
  if (!published.has(field.key)) {
    return { ...doc, definition: { ...doc.definition, fields: doc.definition.fields.map((f, i) => (i === index ? retypedField(f, type) : f)) } };
  }
  const key = keyFromLabel(field.label, takenKeys(doc, published));
  const replacement = { ...retypedField(field, type), key };
  return {
    ...doc,
    definition: { ...doc.definition, fields: doc.definition.fields.map((f, i) => (i === index ? replacement : f)) },
    removedFields: [...doc.removedFields, field],
  };
}
