import { fieldIssueMessage, isEmptyValue, validationMessage, type FieldTypeCatalog, type ValidationCode } from "@/contract";
import { conditionFieldKeys, conditionHolds, isFieldRequired, visibleFieldKeys } from "./conditions";
import type { ServiceDefinition } from "./definitionSchema";
import { derivationSources } from "./deriveSchema";
import { deriveRecordValues, localIsoDate } from "./deriveValues";

/** One problem in a record's data; `field` may point into a sub_table: `members[1].id_number`. */
export interface RecordIssue {
  field: string;
  code: ValidationCode;
  message_zh: string;
  message_en: string;
}

export interface RecordValidationOptions {
  /** The field types that check each answer (`fieldTypes` from src/field-types). */
  fieldTypes: FieldTypeCatalog;
  /** "Today" for date limits; injected so validation stays pure. */
  now?: Date;
  /** derived fields whose given value stands (keptDerivedKeys: sources the browser only has masked) */
  keepDerived?: ReadonlySet<string>;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The browser half of record validation; the database trigger is the other half and must
 * agree on every case in tests/shared/validation-corpus. Hidden fields are neither required
 * nor checked: whatever they hold is ignored (and dropped on save, see withoutHiddenFields).
 * `definition` must come from parseServiceDefinition, which vouches for every field's options.
 */
export function validateRecordData(
  definition: ServiceDefinition,
  data: unknown,
  { fieldTypes, now = new Date(), keepDerived }: RecordValidationOptions,
): RecordIssue[] {
  if (!isPlainObject(data)) return [{ field: "", code: "type", ...validationMessage("type") }];
  const issues: RecordIssue[] = [];
  const known = new Set(definition.fields.map((field) => field.key));
  for (const key of Object.keys(data)) {
    if (!known.has(key)) issues.push({ field: key, code: "unknown_field", ...validationMessage("unknown_field") });
  }
  const today = localIsoDate(now);
  // derived values are checked as the database will store them, never as sent
  const answers = deriveRecordValues(definition.fields, data, fieldTypes, today, keepDerived);
  const visible = visibleFieldKeys(definition.fields, answers);
  for (const field of definition.fields) {
    if (!visible.has(field.key)) continue;
    const value = answers[field.key];
    if (isEmptyValue(value)) {
      // an empty derived value is its sources' problem, reported there
      if (!field.derive && isFieldRequired(field, answers, visible)) issues.push({ field: field.key, code: "required", ...validationMessage("required") });
      continue;
    }
    // parseServiceDefinition checked every field's type against the same registry
    const issue = fieldTypes[field.type].validate(field, value, { now });
    if (issue) issues.push({ field: field.key + (issue.subPath ?? ""), code: issue.code, ...fieldIssueMessage(issue) });
  }
  return [...issues, ...ruleIssues(definition, answers, visible, today, issues, keepDerived)];
}

/**
 * Rules read the shown answers only (a hidden field is empty). A rule that reads a field with
 * a problem of its own is skipped: its verdict would rest on a value that cannot be saved; so
 * is one reading a value derived from such a field (an invalid ID number gives no age), unless
 * that value is kept as stored (`keepDerived`: its source is a mask, so "invalid" here, but the
 * database derived the value from the original).
 */
function ruleIssues(
  definition: ServiceDefinition,
  answers: Record<string, unknown>,
  visible: ReadonlySet<string>,
  today: string,
  fieldIssues: RecordIssue[],
  kept: ReadonlySet<string> = new Set(),
): RecordIssue[] {
  const shown = Object.fromEntries(Object.entries(answers).filter(([key]) => visible.has(key)));
  const troubled = new Set(fieldIssues.map((issue) => issue.field.split(/[.[]/)[0]));
  const derived = definition.fields.filter((field) => field.derive !== undefined && !kept.has(field.key));
  for (let pass = 0; pass < derived.length; pass += 1) {
    for (const field of derived) if (derivationSources(field.derive!).some((key) => troubled.has(key))) troubled.add(field.key);
  }
  const issues: RecordIssue[] = [];
  for (const rule of definition.rules) {
    const reads = [...(rule.when ? conditionFieldKeys(rule.when) : []), ...conditionFieldKeys(rule.require)];
    const field = rule.field ?? conditionFieldKeys(rule.require)[0];
    if (reads.some((key) => troubled.has(key)) || troubled.has(field)) continue;
    if (rule.when && !conditionHolds(rule.when, shown, today)) continue;
    if (conditionHolds(rule.require, shown, today)) continue;
    troubled.add(field);
    issues.push({ field, code: "rule", ...validationMessage("rule", { message: rule.message, message_en: rule.message_en ?? rule.message }) });
  }
  return issues;
}
