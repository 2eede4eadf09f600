import type { TranslationKey } from "@/i18n";

/** What GoTrue is configured to require (supabase/config.toml): 8+ characters, letters and digits. */
export const MIN_PASSWORD_LENGTH = 8;

/** Why a new password would be refused, or null when it is strong enough. */
export function passwordProblem(password: string): TranslationKey | null {
  if (password.length < MIN_PASSWORD_LENGTH) return "account.passwordTooShort";
  if (!/[a-zA-Z]/.test(password) || !/[0-9]/.test(password)) return "account.passwordNeedsLettersAndDigits";
  return null;
}
