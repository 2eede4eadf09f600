import type { TranslationKey } from "@/i18n";
import { canonicalPhone } from "@/lib/domain/phone";

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Why an identifier cannot be a phone number or an email, or null if it can. */
export function identifierProblem(value: string): TranslationKey | null {
  const trimmed = value.trim();
  if (trimmed === "") return "login.identifierRequired";
  if (emailPattern.test(trimmed) || (!trimmed.includes("@") && canonicalPhone(trimmed))) return null;
  return "login.identifierInvalid";
}
