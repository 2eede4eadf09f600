import { isEmptyValue } from "@/contract";
import type { Condition, RuleCondition } from "./conditionSchema";
import type { FieldDefinition } from "./fieldSchema";

type Data = Readonly<Record<string, unknown>>;

/**
 * Semantics shared with the database trigger — change both or neither:
 * - empty / not_empty use isEmptyValue (undefined, null, blank string, empty array);
 * - eq / neq compare strictly; against an array value (multiselect) eq means "contains";
 *   `eq null` means empty;
 * - in / nin: the value is one of the list; for an array value, any element is;
 * - gt / gte / lt / lte compare two numbers or two strings (ISO dates sort as text);
 *   any other pairing is false.
 */
export function evaluateCondition(condition: Condition, data: Data): boolean {
  const actual = data[condition.field];
  const expected = condition.value;
  const equals = (x: unknown) => (expected === null ? isEmptyValue(x) : x === expected);
  const within = (x: unknown) => Array.isArray(expected) && expected.some((item) => item === x);
  switch (condition.op) {
    case "empty":
      return isEmptyValue(actual);
    case "not_empty":
      return !isEmptyValue(actual);
    case "eq":
      return Array.isArray(actual) ? actual.some(equals) : equals(actual);
    case "neq":
      return !(Array.isArray(actual) ? actual.some(equals) : equals(actual));
    case "in":
      return Array.isArray(actual) ? actual.some(within) : within(actual);
    case "nin":
      return !(Array.isArray(actual) ? actual.some(within) : within(actual));
    default:
      return compare(condition.op, actual, expected);
  }
}

/**
 * A rule condition (all / any / not over leaves) against the answers; `today` is YYYY-MM-DD.
 * A leaf compares its field's answer with a constant, with today's date (`{ today: true }`) or
 * with another field's answer (`valueFrom`), by the operators of evaluateCondition; an empty
 * other field compares like `null` (eq: "both empty"), so gt / lt against it are false.
 * The database mirrors it (private.condition_holds).
 */
export function conditionHolds(condition: RuleCondition, data: Data, today: string): boolean {
  if ("all" in condition) return condition.all.every((part) => conditionHolds(part, data, today));
  if ("any" in condition) return condition.any.some((part) => conditionHolds(part, data, today));
  if ("not" in condition) return !conditionHolds(condition.not, data, today);
  const { field, op, value, valueFrom } = condition;
  const other = valueFrom !== undefined ? data[valueFrom] : value;
  const expected = isToday(other) ? today : isEmptyValue(other) && valueFrom !== undefined ? null : other;
  if (typeof expected === "object" && expected !== null && valueFrom !== undefined) return false;
  return evaluateCondition({ field, op, value: expected as Condition["value"] }, data);
}

const isToday = (value: unknown): boolean =>
  typeof value === "object" && value !== null && !Array.isArray(value) && (value as { today?: unknown }).today === true;

/** The fields a rule condition reads. */
export function conditionFieldKeys(condition: RuleCondition): string[] {
  if ("all" in condition) return condition.all.flatMap(conditionFieldKeys);
  if ("any" in condition) return condition.any.flatMap(conditionFieldKeys);
  if ("not" in condition) return conditionFieldKeys(condition.not);
  return condition.valueFrom !== undefined ? [condition.field, condition.valueFrom] : [condition.field];
}

function compare(op: "gt" | "gte" | "lt" | "lte", a: unknown, b: unknown): boolean {
  const comparable = (typeof a === "number" && typeof b === "number") || (typeof a === "string" && typeof b === "string");
  if (!comparable) return false;
  if (op === "gt") return a > b;
  if (op === "gte") return a >= b;
  if (op === "lt") return a < b;
  return a <= b;
}

/**
 * Which fields are shown for this data. A field controlled by a hidden field sees that
 * field as empty: hidden answers never count, wherever they are referenced.
 */
export function visibleFieldKeys(fields: readonly FieldDefinition[], data: Data): Set<string> {
  const byKey = new Map(fields.map((field) => [field.key, field]));
  const memo = new Map<string, boolean>();
  const visible = (key: string, path: readonly string[]): boolean => {
    const known = memo.get(key);
    if (known !== undefined) return known;
    const field = byKey.get(key);
    // a cycle cannot pass parseServiceDefinition; if one is forced in, hide rather than loop
    if (!field || path.includes(key)) return false;
    const condition = field.visibleWhen;
    const result = !condition || evaluateCondition(condition, effectiveData(condition.field, [...path, key]));
    memo.set(key, result);
    return result;
  };
  const effectiveData = (controller: string, path: readonly string[]): Data => (visible(controller, path) ? data : { ...data, [controller]: undefined });
  return new Set(fields.filter((field) => visible(field.key, [])).map((field) => field.key));
}

/** Required if visible and either always required or its requiredWhen holds (on visible answers). */
export function isFieldRequired(field: FieldDefinition, data: Data, visible: ReadonlySet<string>): boolean {
  if (!visible.has(field.key)) return false;
  if (field.required) return true;
  const condition = field.requiredWhen;
  if (!condition) return false;
  const answers = visible.has(condition.field) ? data : { ...data, [condition.field]: undefined };
  return evaluateCondition(condition, answers);
}

/** The data to save: answers to hidden fields are dropped, so they never reach the record. */
export function withoutHiddenFields(fields: readonly FieldDefinition[], data: Data): Record<string, unknown> {
  const visible = visibleFieldKeys(fields, data);
  const known = new Set(fields.map((field) => field.key));
  return Object.fromEntries(Object.entries(data).filter(([key]) => !known.has(key) || visible.has(key)));
}
