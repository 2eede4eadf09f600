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
    this.name = "UnknownFieldTypeError";
    this.message_en = en;
    this.message_zh = zh;
  }
}
