import type { TranslationKey } from "../../i18n";

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// Mainland mobile numbers are 11 digits; allow international form (+ and up to 15 digits, E.164).
const phonePattern = /^\+?\d{6,15}$/;

/** Why an identifier cannot be a phone number or an email, or null if it can. */
export function identifierProblem(value: string): TranslationKey | null {
  const trimmed = value.trim();
  if (trimmed === "") return "login.identifierRequired";
  const compact = trimmed.replace(/[\s-]/g, "");
  if (phonePattern.test(compact) || emailPattern.test(trimmed)) return null;
  return "login.identifierInvalid";
}
