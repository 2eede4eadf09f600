/**
 * Mobile: 11 digits starting 13–19. Operator ranges keep growing, so no finer rule.
 * Landline: area code 0 + 2–3 digits, optional hyphen, 7–8 digits (e.g. 0743-8221234).
 */
export const mobilePattern = /^1[3-9]\d{9}$/;
export const landlinePattern = /^0\d{2,3}-?\d{7,8}$/;

export type PhoneKind = "mobile" | "landline" | "any";

export function isValidPhone(value: string, kind: PhoneKind = "any"): boolean {
  if (kind === "mobile") return mobilePattern.test(value);
  if (kind === "landline") return landlinePattern.test(value);
  return mobilePattern.test(value) || landlinePattern.test(value);
}
