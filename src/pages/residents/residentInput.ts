// The registry's rules as the browser checks them before a save, the same as the database's
// residents trigger (docs/residents.md, "What the database does with a write"): a name of 1–60
// characters, an address of at most 200, an ID number of 18 characters with a valid birth date
// and GB 11643 check character (15 digits upgraded, x → X), a mainland mobile, a landline with
// its area code or an international number with +. The database checks again and has the last word.
import { idNumberProblem, normalizeIdNumber } from "@/field-types/id_number/gb11643";
import { tidyIdNumberInput } from "@/field-types/id_number/tidyIdNumberInput";
import { isValidPhone } from "@/field-types/phone/phonePatterns";
import { tidyPhoneInput } from "@/field-types/phone/tidyPhoneInput";

export type ResidentInputProblem = "nameRequired" | "nameTooLong" | "addressTooLong" | "idRequired" | "idFormat" | "idBirthDate" | "idCheck" | "phoneInvalid";

/** Whitespace runs as one space, trimmed (private.tidy_text). */
export const tidyText = (value: string) => value.replace(/\s+/g, " ").trim();

export function nameProblem(name: string): ResidentInputProblem | null {
  const tidy = tidyText(name);
  if (tidy === "") return "nameRequired";
  return [...tidy].length > 60 ? "nameTooLong" : null;
}

export function addressProblem(address: string): ResidentInputProblem | null {
  return [...tidyText(address)].length > 200 ? "addressTooLong" : null;
}

/**
 * 户籍地: empty, a 6-digit GB/T 2260 county code or a 12-digit township and village code (the
 * database's hukou_region_invalid; the shape only: retired codes stay on people's records).
 */
export function hukouRegionValid(code: string): boolean {
  const tidy = code.trim();
  return tidy === "" || /^[1-9]\d{5}(\d{6})?$/.test(tidy);
}

/** The number as it will be stored (18 characters), or why not. `today`: YYYY-MM-DD in China. */
export function checkIdNumber(raw: string, today: string): { value: string } | { problem: ResidentInputProblem } {
  const tidy = tidyIdNumberInput(raw);
  if (tidy === "") return { problem: "idRequired" };
  const value = normalizeIdNumber(tidy);
  const problem = idNumberProblem(value, today);
  if (problem === null) return { value };
  return { problem: problem === "format" ? "idFormat" : problem === "birth_date" ? "idBirthDate" : "idCheck" };
}

/** A phone to send (null: remove it), or why not. */
export function checkPhone(raw: string): { value: string | null } | { problem: ResidentInputProblem } {
  const tidy = tidyPhoneInput(raw);
  if (tidy === "") return { value: null };
  return isValidPhone(tidy) || /^\+[1-9]\d{6,14}$/.test(tidy) ? { value: tidy } : { problem: "phoneInvalid" };
}

/** Today's date in China (the registry's dates are Beijing days), YYYY-MM-DD. */
export function beijingToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}
