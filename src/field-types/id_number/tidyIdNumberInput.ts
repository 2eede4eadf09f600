import { halfWidth } from "../shared/halfWidth";

/** The longest ID number (GB 11643, 18 characters); 15-character numbers are upgraded on blur. */
export const idNumberMaxLength = 18;

/**
 * What the ID input keeps of typed or pasted text, applied BEFORE the length limit: a number pasted
 * as "110101 19900101 123X" or "１１０１０１…" would otherwise be cut at 18 characters of which
 * some are spaces. Spaces and hyphens go, full-width becomes ASCII, x becomes X.
 */
export function tidyIdNumberInput(raw: string): string {
  return halfWidth(raw)
    .replace(/[\s\-\u2010-\u2015]+/g, "")
    .toUpperCase()
    .slice(0, idNumberMaxLength);
}
