// What the registry's one search box was given: a full ID number or phone (an exact search: the
// database's blind index, a reason, a log line), pinyin initials, a fragment of a masked number,
// or part of a name. The exact forms are those search_residents_by_value accepts.
import { tidyIdNumberInput } from "@/field-types/id_number/tidyIdNumberInput";
import { normalizeIdNumber } from "@/field-types/id_number/gb11643";
import { isValidPhone } from "@/field-types/phone/phonePatterns";
import { tidyPhoneInput } from "@/field-types/phone/tidyPhoneInput";

export type ClassifiedSearch =
  { kind: "none" } | { kind: "exact"; value: string } | { kind: "initials"; text: string } | { kind: "masked"; text: string } | { kind: "name"; text: string };

const fullIdNumber = /^(\d{17}[\dX]|\d{15})$/;
const foreignPhone = /^\+[1-9]\d{6,14}$/;

export function classifyResidentSearch(raw: string): ClassifiedSearch {
  const text = raw.trim();
  if (text === "") return { kind: "none" };
  const id = tidyIdNumberInput(text);
  if (fullIdNumber.test(id) && id.length === text.replace(/[\s-]/g, "").length) return { kind: "exact", value: normalizeIdNumber(id) };
  const phone = tidyPhoneInput(text);
  if (isValidPhone(phone) || foreignPhone.test(phone)) return { kind: "exact", value: phone };
  if (/^[A-Za-z]+$/.test(text)) return { kind: "initials", text: text.toLowerCase() };
  if (/^[0-9Xx*]+$/.test(text.replace(/[\s-]/g, ""))) return { kind: "masked", text: text.replace(/[\s-]/g, "").toUpperCase() };
  return { kind: "name", text };
}
