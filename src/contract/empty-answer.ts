/**
 * One definition of "no answer" for required checks, conditions and cells:
 * undefined, null, a blank string or an empty array. `false` and `0` are answers.
 */
export function isEmptyValue(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  return false;
}
