import { conditionFieldKeys } from "./conditions";
import type { ServiceDefinition } from "./definitionSchema";
import { definitionError, type DefinitionError } from "./definitionErrors";
import { fieldStage, isIntakeField } from "./stages";

function duplicates(keys: readonly string[], path: (index: number) => (string | number)[]): DefinitionError[] {
  const seen = new Set<string>();
  return keys.flatMap((key, index) => {
    const duplicate = seen.has(key);
    seen.add(key);
    return duplicate ? [definitionError("duplicate_key", path(index), { key })] : [];
  });
}

/** States and transitions must form a workflow the database RPC can follow. */
export function checkWorkflow({ workflow, fields }: ServiceDefinition): DefinitionError[] {
  const states = new Map(workflow.states.map((state) => [state.key, state]));
  const fieldKeys = new Set(fields.map((field) => field.key));
  const byKey = new Map(fields.map((field) => [field.key, field]));
  const transitionKeys = new Set(workflow.transitions.map((t) => t.key));
  const errors: DefinitionError[] = [
    ...duplicates(
      workflow.states.map((s) => s.key),
      (i) => ["workflow", "states", i, "key"],
    ),
    ...duplicates(
      workflow.transitions.map((t) => t.key),
      (i) => ["workflow", "transitions", i, "key"],
    ),
  ];
  const initial = states.get(workflow.initial);
  if (!initial) errors.push(definitionError("unknown_state", ["workflow", "initial"], { state: workflow.initial }));
  else if (initial.terminal) errors.push(definitionError("initial_terminal", ["workflow", "initial"]));

  workflow.transitions.forEach((transition, t) => {
    const at = (...rest: (string | number)[]) => ["workflow", "transitions", t, ...rest];
    transition.from.forEach((from, f) => {
      const state = states.get(from);
      if (!state) errors.push(definitionError("unknown_state", at("from", f), { state: from }));
      else if (state.terminal) errors.push(definitionError("terminal_outgoing", at("from", f), { state: from }));
    });
    if (!states.has(transition.to)) errors.push(definitionError("unknown_state", at("to"), { state: transition.to }));
    transition.requireFields.forEach((field, r) => {
      const required = byKey.get(field);
      if (!required) errors.push(definitionError("unknown_field_ref", at("requireFields", r), { field }));
      // the dialog shows intake fields and its own stage's; any other field it could not ask for
      else if (!isIntakeField(required) && !fieldStage(required).includes(transition.key))
        errors.push(definitionError("require_field_stage", at("requireFields", r), { field }));
    });
    if (transition.when) {
      for (const key of new Set(conditionFieldKeys(transition.when))) {
        const field = byKey.get(key);
        if (!field) errors.push(definitionError("unknown_field_ref", at("when"), { field: key }));
        // whether an action is offered must not reveal a masked answer
        else if (field.sensitive)
          errors.push(definitionError("sensitive_controls_field", at("when"), { field: key, controlled: transition.key, condition: "when" }));
      }
    }
    transition.set.forEach((assignment, a) => {
      if (!fieldKeys.has(assignment.field)) errors.push(definitionError("unknown_field_ref", at("set", a, "field"), { field: assignment.field }));
      if (assignment.from === "target_level" && transition.escalate === false)
        errors.push(definitionError("target_level_without_escalation", at("set", a, "from")));
    });
    errors.push(
      ...duplicates(
        transition.checklist.map((item) => item.key),
        (i) => at("checklist", i, "key"),
      ),
    );
  });
  fields.forEach((field, f) => {
    if (isIntakeField(field)) return;
    fieldStage(field).forEach((key, k) => {
      if (!transitionKeys.has(key)) errors.push(definitionError("unknown_transition_ref", ["fields", f, "stage", k], { transition: key }));
    });
    // intake would refuse the record for want of an answer it may not give
    if (field.required) errors.push(definitionError("staged_field_required", ["fields", f, "required"]));
  });
  return errors;
}
