import { halfWidth } from "../shared/halfWidth";

/** A landline with its hyphen: 4-digit area code + "-" + 8 digits. */
export const phoneMaxLength = 13;

/**
 * What the phone input keeps of typed or pasted text, applied BEFORE the length limit: spaces go,
 * full-width becomes ASCII, a mobile loses +86 and its hyphens ("138-1234-5678") go; a landline keeps the one
 * hyphen after its area code, which the stored form allows (0743-8221234).
 */
export function tidyPhoneInput(raw: string): string {
  const text = halfWidth(raw)
    .replace(/\s+/g, "")
    .replace(/[\u2010-\u2015]/g, "-");
  // the country code of a pasted "+86 138 1234 5678" is not part of the stored number
  const mobile = text.replace(/-/g, "").replace(/^(?:\+|00)86(?=1\d{10}$)/, "");
  return (mobile.startsWith("1") ? mobile : text).slice(0, phoneMaxLength);
}
