// The 流程 concern's changes to a draft workflow, as pure functions returning a new workflow (the
// shell keeps the old one for undo). Keys come from labels and never change afterwards: records
// and events name states and transitions by key, so renaming a label touches the label only.
import { keyFromLabel } from "../keyFromLabel";
import { transitionsOf, type DraftState, type DraftTransition, type DraftWorkflow } from "./workflowTypes";

export interface Added {
  workflow: DraftWorkflow;
  key: string;
}

export function addState(workflow: DraftWorkflow, label: string): Added {
  const key = keyFromLabel(
    label,
    workflow.states.map((state) => state.key),
    "state",
  );
  const state: DraftState = { key, label, color: "blue" };
  return { workflow: { ...workflow, states: [...workflow.states, state] }, key };
}

export function addTransition(workflow: DraftWorkflow, draft: Omit<DraftTransition, "key">): Added {
  const key = keyFromLabel(
    draft.label,
    transitionsOf(workflow).map((transition) => transition.key),
    "action",
  );
  return { workflow: { ...workflow, transitions: [...transitionsOf(workflow), { key, ...draft }] }, key };
}

export function updateState(workflow: DraftWorkflow, key: string, change: (state: DraftState) => DraftState): DraftWorkflow {
  return { ...workflow, states: workflow.states.map((state) => (state.key === key ? change(state) : state)) };
}

export function updateTransition(workflow: DraftWorkflow, key: string, change: (transition: DraftTransition) => DraftTransition): DraftWorkflow {
  return { ...workflow, transitions: transitionsOf(workflow).map((transition) => (transition.key === key ? change(transition) : transition)) };
}

/** The transitions a state's removal takes with it: those entering it, and those leaving only it. */
export function transitionsRemovedWith(workflow: DraftWorkflow, stateKey: string): DraftTransition[] {
  return transitionsOf(workflow).filter((t) => t.to === stateKey || t.from.every((from) => from === stateKey));
}

/**
 * Removes a state and the transitions touching it; a transition leaving several states keeps
 * the others. The initial state moves to the first one left.
 */
export function removeState(workflow: DraftWorkflow, key: string): DraftWorkflow {
  const removed = new Set(transitionsRemovedWith(workflow, key).map((t) => t.key));
  const states = workflow.states.filter((state) => state.key !== key);
  const transitions = transitionsOf(workflow)
    .filter((t) => !removed.has(t.key))
    .map((t) => (t.from.includes(key) ? { ...t, from: t.from.filter((from) => from !== key) } : t));
  const initial = workflow.initial === key ? (states[0]?.key ?? "") : workflow.initial;
  return { ...workflow, states, transitions, initial };
}

export function removeTransition(workflow: DraftWorkflow, key: string): DraftWorkflow {
  return { ...workflow, transitions: transitionsOf(workflow).filter((transition) => transition.key !== key) };
}

export function setInitial(workflow: DraftWorkflow, key: string): DraftWorkflow {
  return { ...workflow, initial: key };
}

/** Leaves out keys whose value is undefined, so an option switched off disappears from the JSON. */
export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
