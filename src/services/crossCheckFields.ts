import type { Condition } from "./conditionSchema";
import type { ServiceDefinition } from "./definitionSchema";
import { definitionError, type DefinitionError } from "./definitionErrors";
import { isSystemColumn } from "./systemColumns";

/**
 * Field-level rules that need the whole list of fields.
 *
 * No masking by inference (docs/security-model.md): a sensitive field may not control another
 * field's visibleWhen or requiredWhen. Whether a field is shown, required or filled is visible
 * to everyone who reads the record, so it would give the masked answer away (veteran_card showed
 * 服役部队 exactly when the masked 优待证类别 was "veteran"). Making the dependants sensitive
 * instead would not help: masking keeps an empty answer empty, so whether a dependant holds an
 * answer still tells the condition. Refusing is also the rule an administrator can understand.
 * The database applies the same rule (private.check_service_definition).
 */
export function checkFields(definition: ServiceDefinition): DefinitionError[] {
  const errors: DefinitionError[] = [];
  const { fields } = definition;
  const keys = new Set(fields.map((field) => field.key));
  const sensitiveKeys = new Set(fields.filter((field) => field.sensitive).map((field) => field.key));
  const seen = new Set<string>();
  fields.forEach((field, index) => {
    const at = (...rest: (string | number)[]) => ["fields", index, ...rest];
    if (seen.has(field.key)) errors.push(definitionError("duplicate_key", at("key"), { key: field.key }));
    seen.add(field.key);
    if (isSystemColumn(field.key)) errors.push(definitionError("reserved_key", at("key"), { key: field.key }));
    if (field.sensitive && !field.purpose) errors.push(definitionError("sensitive_purpose_required", at("purpose")));
    const checkCondition = (name: "visibleWhen" | "requiredWhen", condition: Condition | undefined) => {
      if (!condition) return;
      if (condition.field === field.key) errors.push(definitionError("self_reference", at(name, "field")));
      else if (!keys.has(condition.field)) errors.push(definitionError("unknown_field_ref", at(name, "field"), { field: condition.field }));
      else if (sensitiveKeys.has(condition.field)) {
        errors.push(definitionError("sensitive_controls_field", at(name, "field"), { field: condition.field, controlled: field.key, condition: name }));
      }
    };
    checkCondition("visibleWhen", field.visibleWhen);
    checkCondition("requiredWhen", field.requiredWhen);
  });
  return [...errors, ...visibilityCycles(definition)];
}

/**
 * Each field has at most one visibleWhen, so following the chain either ends or loops.
 * A loop (a shown only if b, b only if a) can never be shown; report it once.
 */
function visibilityCycles({ fields }: ServiceDefinition): DefinitionError[] {
  const next = new Map(fields.map((field) => [field.key, field.visibleWhen?.field]));
  const reported = new Set<string>();
  const errors: DefinitionError[] = [];
  fields.forEach((field, index) => {
    const chain: string[] = [field.key];
    let current = next.get(field.key);
    while (current !== undefined && current !== field.key && !chain.includes(current) && chain.length <= fields.length) {
      chain.push(current);
      current = next.get(current);
    }
    const isCycle = current === field.key && chain.length > 1;
    if (isCycle && !chain.some((key) => reported.has(key))) {
      chain.forEach((key) => reported.add(key));
      errors.push(definitionError("condition_cycle", ["fields", index, "visibleWhen"], { cycle: [...chain, field.key].join(" → ") }));
    }
  });
  return errors;
}
