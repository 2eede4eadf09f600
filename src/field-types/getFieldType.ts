import { fieldTypes, type FieldTypeKey } from "./registry";
import type { FieldType } from "./types";
import { UnknownFieldTypeError } from "./unknownFieldTypeError";

export function isFieldTypeKey(type: string): type is FieldTypeKey {
  return Object.hasOwn(fieldTypes, type);
}

/**
 * The one way to reach a field type. Unknown keys throw with the service and field named:
 * a silent fallback to a text box would let a broken definition collect the wrong data.
 * The cast widens the specific entry; callers pass fields whose options were checked
 * against this same type's configSchema by parseServiceDefinition.
 */
export function getFieldType(service: string, field: string, type: string): FieldType {
  if (!isFieldTypeKey(type)) throw new UnknownFieldTypeError(service, field, type);
  return fieldTypes[type] as unknown as FieldType;
}
