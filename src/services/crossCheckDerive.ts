import { fitsResidentAttribute, residentAttributeTypes } from "@/contract";
import { conditionFieldKeys } from "./conditions";
import type { ServiceDefinition } from "./definitionSchema";
import { definitionError, type DefinitionError } from "./definitionErrors";
import { derivationSources, type Derivation, type FieldDefault } from "./deriveSchema";
import type { FieldDefinition } from "./fieldSchema";

/** Which source types each function reads and which target types may hold its result. */
export const derivationTypes: Record<Derivation["fn"], { sources: readonly string[]; targets: readonly string[] }> = {
  birth_date: { sources: ["id_number"], targets: ["date"] },
  sex: { sources: ["id_number"], targets: ["select", "text"] },
  age: { sources: ["id_number", "date"], targets: ["number"] },
  sum: { sources: ["number", "money"], targets: ["number", "money"] },
  difference: { sources: ["number", "money"], targets: ["number", "money"] },
  days_between: { sources: ["date"], targets: ["number"] },
};

/** Types whose answers are not reused from a previous application: the resident field is the person picked (private.check_derived_fields agrees). */
const nonReusableTypes: ReadonlySet<string> = new Set(["resident"]);

/** The types a default fits: constants are checked against the field when a record is validated. */
function defaultFits(field: FieldDefinition, value: FieldDefault): boolean {
  if (typeof value !== "object" || Array.isArray(value)) return true;
  if ("currentUser" in value) return field.type === "user";
  if ("now" in value) return field.type === "datetime";
  return field.type === "date";
}

/**
 * Derived values, defaults, the record-unit field, the registry attribute a field holds
 * (prefillFrom: a type that can hold it), `reuse` (not on the resident field, derived or
 * prefillFrom fields; needs a resident field; files are reused as the user's own copies) and rules[] need the whole list of fields.
 * The database applies the same rules (private.check_service_definition).
 *
 * A birth date derived from a sensitive ID number must itself be sensitive: the ID mask
 * (docs/security-model.md) leaves the region code and the last digit, and assumes a reader
 * knows age and sex; a birth date in clear would add the 8 middle digits and leave only the
 * 2-digit sequence to guess. Age and sex in clear are what the mask analysis already assumes.
 */
export function checkDerived({ fields, rules }: ServiceDefinition): DefinitionError[] {
  const errors: DefinitionError[] = [];
  const byKey = new Map(fields.map((field) => [field.key, field]));
  fields.forEach((field, index) => {
    const at = (...rest: (string | number)[]) => ["fields", index, ...rest];
    if (field.derive) {
      const { sources, targets } = derivationTypes[field.derive.fn];
      if (!targets.includes(field.type)) errors.push(definitionError("derive_target_type", at("type"), { fn: field.derive.fn, type: field.type }));
      if (field.derive.fn === "sex" && field.type === "select") {
        const values = new Set((field.options as { value: unknown }[] | undefined)?.map((option) => option.value));
        if (!values.has("male") || !values.has("female")) errors.push(definitionError("derive_sex_options", at("options")));
      }
      for (const source of derivationSources(field.derive)) {
        const sourceField = byKey.get(source);
        if (source === field.key) errors.push(definitionError("self_reference", at("derive")));
        else if (!sourceField) errors.push(definitionError("unknown_field_ref", at("derive"), { field: source }));
        else if (!sources.includes(sourceField.type)) {
          errors.push(definitionError("derive_source_type", at("derive"), { fn: field.derive.fn, field: source, type: sourceField.type }));
        } else if (field.derive.fn === "birth_date" && sourceField.sensitive && !field.sensitive) {
          errors.push(definitionError("derive_birth_date_sensitive", at("sensitive"), { field: source }));
        }
      }
      if (field.default !== undefined) errors.push(definitionError("derive_default", at("default")));
    }
    if (field.default !== undefined && !defaultFits(field, field.default)) errors.push(definitionError("default_type", at("default"), { type: field.type }));
    if (field.recordUnit && field.type !== "org_unit") errors.push(definitionError("record_unit_type", at("recordUnit")));
    if (field.prefillFrom && !fitsResidentAttribute(field.prefillFrom, field.type)) {
      const types = residentAttributeTypes[field.prefillFrom].join(" | ");
      errors.push(definitionError("prefill_type", at("prefillFrom"), { attribute: field.prefillFrom, type: field.type, types }));
    }
    // reuse: filled from the person's previous application (found by the resident field; its files
    // copied by the form into the writer's own uploads); a derived or registry-filled field has its own source
    if (field.reuse) {
      if (nonReusableTypes.has(field.type)) errors.push(definitionError("reuse_type", at("reuse"), { type: field.type }));
      else if (field.derive || field.prefillFrom) errors.push(definitionError("reuse_conflict", at("reuse")));
      else if (!fields.some((other) => other.type === "resident")) errors.push(definitionError("reuse_needs_resident_field", at("reuse")));
    }
  });
  if (fields.filter((field) => field.recordUnit).length > 1) errors.push(definitionError("record_unit_once", ["fields"]));
  // the record links to one person (records.resident_id): one resident field
  if (fields.filter((field) => field.type === "resident").length > 1) errors.push(definitionError("resident_field_once", ["fields"]));
  rules.forEach((rule, index) => {
    const parts = [rule.when, rule.require].filter((c) => c !== undefined);
    const referenced = [...parts.flatMap(conditionFieldKeys), ...(rule.field ? [rule.field] : [])];
    for (const key of new Set(referenced)) {
      if (!byKey.has(key)) errors.push(definitionError("unknown_field_ref", ["rules", index], { field: key }));
    }
  });
  return [...errors, ...derivationCycles(fields)];
}

/** Derived from a derived value is fine; a loop is not. Report each loop once. */
function derivationCycles(fields: readonly FieldDefinition[]): DefinitionError[] {
  const sources = new Map(fields.map((field) => [field.key, field.derive ? derivationSources(field.derive) : []]));
  const errors: DefinitionError[] = [];
  const done = new Set<string>();
  const visit = (key: string, path: string[]): string[] | null => {
    if (path.includes(key)) return [...path.slice(path.indexOf(key)), key];
    if (done.has(key)) return null;
    for (const source of sources.get(key) ?? []) {
      const cycle = visit(source, [...path, key]);
      if (cycle) return cycle;
    }
    done.add(key);
    return null;
  };
  fields.forEach((field, index) => {
    if (done.has(field.key)) return;
    const cycle = visit(field.key, []);
    if (cycle) {
      cycle.forEach((key) => done.add(key));
      errors.push(definitionError("derive_cycle", ["fields", index, "derive"], { cycle: cycle.join(" → ") }));
    }
  });
  return errors;
}
