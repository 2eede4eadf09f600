import type { ServiceDefinition } from "./definitionSchema";
import { definitionError, type DefinitionError } from "./definitionErrors";

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
      if (!fieldKeys.has(field)) errors.push(definitionError("unknown_field_ref", at("requireFields", r), { field }));
    });
    errors.push(
      ...duplicates(
        transition.checklist.map((item) => item.key),
        (i) => at("checklist", i, "key"),
      ),
    );
  });
  return errors;
}
