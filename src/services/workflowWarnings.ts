import type { ServiceDefinition } from "./definitionSchema";
import { formatPath } from "./definitionErrors";
import type { DefinitionWarning } from "./missingEnglish";

/**
 * Workflow shapes that work but are probably mistakes, as warnings (the designer shows them):
 * a state no transition chain reaches from the initial state, and a state that is not terminal
 * but has no way out (records would wait there forever) — unless the service has no transitions
 * at all (a register). Guards are ignored: a guarded path still counts as a way.
 */
export function workflowWarnings({ workflow }: ServiceDefinition): DefinitionWarning[] {
  const reached = new Set([workflow.initial]);
  for (let grew = true; grew;) {
    grew = false;
    for (const transition of workflow.transitions) {
      if (!reached.has(transition.to) && transition.from.some((state) => reached.has(state))) {
        reached.add(transition.to);
        grew = true;
      }
    }
  }
  const warnings: DefinitionWarning[] = [];
  workflow.states.forEach((state, i) => {
    const path = formatPath(["workflow", "states", i]);
    if (!reached.has(state.key))
      warnings.push({
        path,
        code: "state_unreachable",
        message_zh: `状态「${state.label}」无法从初始状态到达`,
        message_en: `State "${state.label_en ?? state.label}" cannot be reached from the initial state`,
      });
    // a service with no transitions at all is a register, not a process: nothing to warn about
    if (workflow.transitions.length > 0 && !state.terminal && !workflow.transitions.some((t) => t.from.includes(state.key)))
      warnings.push({
        path,
        code: "state_dead_end",
        message_zh: `状态「${state.label}」不是终止状态，但没有任何流转可以离开`,
        message_en: `State "${state.label_en ?? state.label}" is not terminal but no transition leaves it`,
      });
  });
  return warnings;
}
