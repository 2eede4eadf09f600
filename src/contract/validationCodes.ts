import { renderMessage, type MessageParams, type RenderedMessage } from "./messages";

/**
 * Record-data validation codes. The browser (validateRecord.ts) and the database trigger
 * report the SAME codes for the same input; tests/shared/validation-corpus proves it.
 * Codes are part of the API contract: add new ones, never rename or reuse them.
 * Messages may use {placeholders} filled from the params.
 */
export const validationCodes = {
  required: { zh: "此项为必填项", en: "This field is required" },
  type: { zh: "数据类型不正确", en: "The value has the wrong type" },
  choice: { zh: "所选值不在可选项中", en: "The value is not one of the choices" },
  min: { zh: "不能小于 {min}", en: "Must be at least {min}" },
  max: { zh: "不能大于 {max}", en: "Must be at most {max}" },
  integer: { zh: "必须是整数", en: "Must be a whole number" },
  precision: { zh: "金额最多保留两位小数", en: "Amounts have at most two decimal places" },
  min_length: { zh: "至少需要 {min} 个字符", en: "Must be at least {min} characters" },
  max_length: { zh: "不能超过 {max} 个字符", en: "Must be at most {max} characters" },
  min_items: { zh: "至少需要 {min} 项", en: "Needs at least {min} items" },
  max_items: { zh: "最多 {max} 项", en: "At most {max} items" },
  pattern: { zh: "格式不正确", en: "The format is not valid" },
  id_number: {
    zh: "身份证号码无效（请核对位数、出生日期和校验位）",
    en: "Invalid ID number (check the length, birth date and check digit)",
  },
  phone: { zh: "电话号码格式不正确", en: "Invalid phone number" },
  date: { zh: "日期无效，应为 YYYY-MM-DD", en: "Invalid date, expected YYYY-MM-DD" },
  datetime: { zh: "日期时间无效", en: "Invalid date and time" },
  file_type: { zh: "文件类型不允许", en: "This file type is not allowed" },
  file_size: { zh: "文件不能超过 {max} MB", en: "The file must be at most {max} MB" },
  unknown_field: { zh: "表单中没有此字段", en: "This field is not part of the form" },
  /** a definition's rules[]: the words are the rule's own message */
  rule: { zh: "{message}", en: "{message_en}" },
} as const;

export type ValidationCode = keyof typeof validationCodes;

/** Renders a record-data code; the database words it the same (private.validation_message). */
export function validationMessage(code: ValidationCode, params?: MessageParams): RenderedMessage {
  return renderMessage(validationCodes[code], params);
}

export function isValidationCode(code: string): code is ValidationCode {
  return Object.hasOwn(validationCodes, code);
}
