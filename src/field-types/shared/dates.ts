/** Date helpers on plain strings so browser, Node and Postgres agree without time zones. */

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date: 1949-02-30 is not one. */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return day <= days;
}

export function isIsoDate(value: string): boolean {
  const m = isoDate.exec(value);
  return m !== null && isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Local calendar date of `now` as YYYY-MM-DD (the user's "today"). */
export function isoDateOf(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A date limit from config: an ISO date, or "today" resolved against `now`. */
export function resolveDateLimit(limit: string, now: Date): string {
  return limit === "today" ? isoDateOf(now) : limit;
}

/** ISO 8601 date-time with an explicit offset, as timestamptz accepts unambiguously. */
const isoDateTime = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d)(:[0-5]\d(\.\d{1,6})?)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)$/;

export function isIsoDateTime(value: string): boolean {
  const m = isoDateTime.exec(value);
  return m !== null && isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
}
