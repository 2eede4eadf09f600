import { normalizeIdNumber } from "../id_number/gb11643";
import { tidyIdNumberInput } from "../id_number/tidyIdNumberInput";

/**
 * What was typed into the resident picker: a full ID number (18 characters or the old 15 digits:
 * the database's logged exact search, for roles that may), pinyin initials (zdf → 张德福), or
 * part of a name.
 */
export type ResidentQuery = { kind: "none" } | { kind: "id_number"; value: string } | { kind: "initials"; text: string } | { kind: "name"; text: string };

const fullIdNumber = /^(\d{17}[\dX]|\d{15})$/;

export function residentQuery(raw: string): ResidentQuery {
  const text = raw.trim();
  if (text === "") return { kind: "none" };
  const id = tidyIdNumberInput(text);
  if (fullIdNumber.test(id) && id.length === text.replace(/[\s-]/g, "").length) return { kind: "id_number", value: normalizeIdNumber(id) };
  if (/^[A-Za-z]+$/.test(text)) return { kind: "initials", text: text.toLowerCase() };
  return { kind: "name", text };
}
