/**
 * Text made only of whitespace and characters that print nothing (zero-width space and
 * joiners, BOM, word joiner, soft hyphen, bidi marks, variation selectors, Hangul fillers …)
 * is blank. The same class as the database's private.is_empty_answer / tidy_text
 * (supabase/routines/private/is_empty_answer.sql, tidy_text.sql): a comment or answer of zero-width spaces is no answer.
 */
const blankText =
  // A list of invisible code points on purpose, controls and combining marks included.
  // eslint-disable-next-line no-control-regex, no-misleading-character-class
  /^[\u0009-\u000d\u0020\u0085\u00a0\u00ad\u034f\u061c\u115f\u1160\u1680\u17b4\u17b5\u180b-\u180f\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb]*$/;

export function isBlankText(value: string): boolean {
  return blankText.test(value);
}

/**
 * One definition of "no answer" for required checks, conditions and cells:
 * undefined, null, a blank string or an empty array. `false` and `0` are answers.
 */
export function isEmptyValue(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === "string") return isBlankText(value);
  if (Array.isArray(value)) return value.length === 0;
  return false;
}
