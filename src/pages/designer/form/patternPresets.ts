// Formats an administrator picks by name instead of writing a regular expression (research §1.3,
// "validation by preset, not regex"). Each pattern is in the subset JavaScript (with the `u`
// flag) and Postgres regular expressions share, so the browser and the database agree.
import type { Bilingual } from "@/contract";

export interface PatternPreset {
  key: string;
  name: Bilingual;
  pattern: string;
  message: Bilingual;
}

export const patternPresets: readonly PatternPreset[] = [
  {
    key: "postcode",
    name: { zh: "邮政编码（6 位数字）", en: "Postcode (6 digits)" },
    pattern: "^[0-9]{6}$",
    message: { zh: "请填写 6 位数字的邮政编码", en: "Enter a 6-digit postcode" },
  },
  {
    key: "credit_code",
    name: { zh: "统一社会信用代码（18 位）", en: "Unified social credit code (18 characters)" },
    pattern: "^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$",
    message: { zh: "统一社会信用代码为 18 位数字或大写字母", en: "A unified social credit code has 18 digits or capital letters" },
  },
  {
    key: "plate",
    name: { zh: "机动车号牌", en: "Vehicle plate" },
    pattern: "^[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-Z][A-HJ-NP-Z0-9]{5,6}$",
    message: { zh: "请填写完整的车牌号，如 湘U12345", en: "Enter a full plate number, e.g. 湘U12345" },
  },
  {
    key: "digits",
    name: { zh: "只含数字的编号", en: "Digits only" },
    pattern: "^[0-9]+$",
    message: { zh: "只能填写数字", en: "Digits only" },
  },
  {
    key: "email",
    name: { zh: "电子邮箱", en: "Email address" },
    pattern: "^[^@ ]+@[^@ ]+[.][^@ ]+$",
    message: { zh: "请填写有效的电子邮箱", en: "Enter a valid email address" },
  },
];
