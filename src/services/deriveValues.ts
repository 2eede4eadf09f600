import type { FieldTypeCatalog } from "@/contract";
import { derivationSources, type Derivation } from "./deriveSchema";
import type { FieldDefinition } from "./fieldSchema";

type Data = Readonly<Record<string, unknown>>;

/** Local calendar date of `now` as YYYY-MM-DD, the "today" of date limits, ages and rules. */
export function localIsoDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Sums of decimals (0.1 + 0.2) are rounded to 6 places, like the database's numeric. */
const tidy = (n: number) => Math.round(n * 1e6) / 1e6;
const dayNumber = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;
/** A real calendar date from year 1 (year 0 has no date in Postgres). */
function isIsoDate(value: unknown): value is string {
  const m = typeof value === "string" ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  if (!m || m[1] === "0000") return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return days !== undefined && day >= 1 && day <= days;
}

/** Completed years from `birth` to `on` (both YYYY-MM-DD); the birthday itself counts. */
export function completedYears(birth: string, on: string): number | null {
  if (on < birth) return null;
  const years = Number(on.slice(0, 4)) - Number(birth.slice(0, 4));
  return on.slice(5) >= birth.slice(5) ? years : years - 1;
}

function compute(derive: Derivation, data: Data, byKey: ReadonlyMap<string, FieldDefinition>, fieldTypes: FieldTypeCatalog, today: string): unknown {
  const rules = (key: string) => fieldTypes[byKey.get(key)?.type ?? ""];
  const number = (key: string) => (typeof data[key] === "number" && Number.isFinite(data[key]) ? (data[key] as number) : undefined);
  switch (derive.fn) {
    case "birth_date":
      return rules(derive.from)?.birthDate?.(data[derive.from]) ?? undefined;
    case "sex":
      return rules(derive.from)?.sex?.(data[derive.from]) ?? undefined;
    case "age": {
      const birth = rules(derive.from)?.birthDate?.(data[derive.from]);
      return birth ? (completedYears(birth, today) ?? undefined) : undefined;
    }
    case "sum": {
      const parts = derive.of.map(number).filter((n) => n !== undefined);
      return parts.length > 0 ? tidy(parts.reduce((a, b) => a + b, 0)) : undefined;
    }
    case "difference": {
      const [a, b] = derive.of.map(number);
      return a !== undefined && b !== undefined ? tidy(a - b) : undefined;
    }
    case "days_between": {
      const from = data[derive.from];
      const to = data[derive.to];
      return isIsoDate(from) && isIsoDate(to) ? dayNumber(to) - dayNumber(from) : undefined;
    }
  }
}

/**
 * The answers with every derived field recomputed from its sources: whatever the client sent
 * for a derived field is replaced, or removed when its sources give no value. `today` is the
 * date of the write (ages are completed years then). Derived values may read derived values:
 * one pass per derived field settles any chain (cycles cannot pass parseServiceDefinition).
 * The database does the same on every write (private.derive_record_values). `keep` names
 * derived fields whose given value stands: the edit form cannot derive from a masked answer it
 * never saw (see keptDerivedKeys), the database will.
 */
export function deriveRecordValues(
  fields: readonly FieldDefinition[],
  data: Data,
  fieldTypes: FieldTypeCatalog,
  today: string,
  keep: ReadonlySet<string> = new Set(),
): Record<string, unknown> {
  const derived = fields.filter((field) => field.derive !== undefined && !keep.has(field.key));
  if (derived.length === 0) return { ...data };
  const byKey = new Map(fields.map((field) => [field.key, field]));
  const result: Record<string, unknown> = { ...data };
  for (const field of derived) delete result[field.key];
  for (let pass = 0; pass < derived.length; pass += 1) {
    for (const field of derived) {
      const value = compute(field.derive!, result, byKey, fieldTypes, today);
      if (value === undefined) delete result[field.key];
      else result[field.key] = value;
    }
  }
  return result;
}

/**
 * Derived fields the browser cannot recompute while editing: one of their sources is a
 * sensitive answer still as the database sent it (masked), so their stored value stands.
 */
export function keptDerivedKeys(fields: readonly FieldDefinition[], data: Data, storedData: Data): Set<string> {
  const masked = new Set(
    fields
      .filter((field) => field.sensitive && field.key in storedData && JSON.stringify(data[field.key]) === JSON.stringify(storedData[field.key]))
      .map((f) => f.key),
  );
  const kept = new Set<string>();
  for (let pass = 0; pass < fields.length && masked.size > 0; pass += 1) {
    for (const field of fields) {
      if (field.derive && derivationSources(field.derive).some((key) => masked.has(key) || kept.has(key))) kept.add(field.key);
    }
  }
  return kept;
}
