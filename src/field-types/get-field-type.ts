import { fieldTypes, type FieldTypeKey } from './registry';
import type { FieldType } from './types';

export class UnknownFieldTypeError extends Error {
  readonly message_zh: string;
  readonly message_en: string;
  constructor(
    readonly service: string,
    readonly field: string,
    readonly type: string,
  ) {
    const en = `Unknown field type "${type}" in service "${service}", field "${field}"`;
    const zh = `服务 "${service}" 的字段 "${field}" 使用了未知的字段类型 "${type}"`;
    super(`${en} / ${zh}`);
    this.name = 'UnknownFieldTypeError';
    this.message_en = en;
    this.message_zh = zh;
  }
}

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
