import type { EligibilityCondition } from "./applicantSchema";
import { conditionFieldKeys } from "./conditions";
import type { RuleCondition } from "./conditionSchema";
import type { ServiceDefinition } from "./definitionSchema";
import { definitionError, type DefinitionError } from "./definitionErrors";
import { duplicateConditions } from "./duplicateConditions";

/** The answers an eligibility condition reads (its person leaves read none). */
function eligibilityFieldKeys(condition: EligibilityCondition): string[] {
  if ("all" in condition) return condition.all.flatMap(eligibilityFieldKeys);
  if ("any" in condition) return condition.any.flatMap(eligibilityFieldKeys);
  if ("not" in condition) return eligibilityFieldKeys(condition.not);
  return "resident" in condition ? [] : conditionFieldKeys(condition as RuleCondition);
}

/**
 * eligibility[] and duplicates name fields that exist (the conditions of duplicates.open / held
 * on fields that are not sensitive); a "held" state is a terminal state of the workflow (what a
 * finished record granted). The database applies the same (private.check_applicant_rules),
 * and also that each tag names a kind of public.resident_tag_kinds, which the browser does not list.
 */
export function checkApplicant({ fields, eligibility, duplicates, workflow }: ServiceDefinition): DefinitionError[] {
  const keys = new Set(fields.map((field) => field.key));
  const errors: DefinitionError[] = [];
  (eligibility ?? []).forEach((rule, index) => {
    const referenced = [...(rule.when ? conditionFieldKeys(rule.when) : []), ...eligibilityFieldKeys(rule.require), ...(rule.field ? [rule.field] : [])];
    for (const key of new Set(referenced)) {
      if (!keys.has(key)) errors.push(definitionError("unknown_field_ref", ["eligibility", index], { field: key }));
    }
  });
  if (duplicates) {
    duplicates.match.forEach((key, index) => {
      if (!keys.has(key)) errors.push(definitionError("unknown_field_ref", ["duplicates", "match", index], { field: key }));
    });
    const terminal = workflow.states.filter((state) => state.terminal).map((state) => state.key);
    duplicates.held?.states.forEach((state, index) => {
      if (!terminal.includes(state)) errors.push(definitionError("invalid_value", ["duplicates", "held", "states", index], { values: terminal.join(" | ") }));
    });
    // a condition reads the new application's answers; a masked answer must not decide it (as a guard)
    const byKey = new Map(fields.map((field) => [field.key, field]));
    for (const { path, when } of duplicateConditions(duplicates)) {
      for (const key of new Set(conditionFieldKeys(when))) {
        const field = byKey.get(key);
        if (!field) errors.push(definitionError("unknown_field_ref", path, { field: key }));
        else if (field.sensitive) errors.push(definitionError("sensitive_controls_field", path, { field: key, controlled: "duplicates", condition: "when" }));
      }
    }
  }
  return errors;
}
