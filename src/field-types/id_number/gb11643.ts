import { isCalendarDate } from "../shared/dates";

/**
 * 居民身份证号码 (GB 11643-1999): 6-digit address code + YYYYMMDD + 3-digit sequence
 * (odd = male) + ISO 7064 MOD 11-2 check character. Address codes are NOT checked against
 * GB/T 2260: retired codes stay valid on cards already issued.
 */
const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkChars = "10X98765432";
const shape18 = /^\d{17}[\dX]$/;
const shape15 = /^\d{15}$/;
/** Nobody alive or on file was born before this; catches typos such as 0949 for 1949. */
const earliestBirthYear = 1800;

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * weights[i];
  return checkChars[sum % 11];
}

export type IdNumberProblem = "format" | "birth_date" | "check_digit";

/** Why an 18-character number is invalid, or null. A lower-case x is accepted (and normalised on save). */
export function idNumberProblem(value: string, today?: string): IdNumberProblem | null {
  const id = value.toUpperCase();
  if (!shape18.test(id)) return "format";
  const year = Number(id.slice(6, 10));
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (year < earliestBirthYear || !isCalendarDate(year, Number(id.slice(10, 12)), Number(id.slice(12, 14)))) return "birth_date";
  if (today !== undefined && birth > today) return "birth_date";
  return idNumberCheckChar(id) === id[17] ? null : "check_digit";
}

export function isValidIdNumber(value: string, today?: string): boolean {
  return idNumberProblem(value, today) === null;
}

/** GB 11643-1989 numbers have a 2-digit year and no check character: add "19" and compute it. */
export function convertLegacyIdNumber(id15: string): string | null {
  if (!shape15.test(id15)) return null;
  const first17 = `${id15.slice(0, 6)}19${id15.slice(6)}`;
  if (!isCalendarDate(Number(first17.slice(6, 10)), Number(first17.slice(10, 12)), Number(first17.slice(12, 14)))) return null;
  return first17 + idNumberCheckChar(first17);
}

/** What the form stores: trimmed, upper-case X, legacy numbers upgraded; anything else unchanged. */
export function normalizeIdNumber(raw: string): string {
  const id = raw.trim().toUpperCase();
  return shape15.test(id) ? (convertLegacyIdNumber(id) ?? id) : id;
}

export function idNumberBirthDate(value: string): string | null {
  const id = normalizeIdNumber(value);
  if (idNumberProblem(id) !== null) return null;
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

export function idNumberSex(value: string): "male" | "female" | null {
  const id = normalizeIdNumber(value);
  if (idNumberProblem(id) !== null) return null;
  return Number(id[16]) % 2 === 1 ? "male" : "female";
}

/** Completed years at `on` (YYYY-MM-DD): the birthday itself counts as a year completed. */
export function idNumberAge(value: string, on: string): number | null {
  const birth = idNumberBirthDate(value);
  if (birth === null || on < birth) return null;
  const years = Number(on.slice(0, 4)) - Number(birth.slice(0, 4));
  return on.slice(5) >= birth.slice(5) ? years : years - 1;
}
