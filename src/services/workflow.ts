import { isEmptyValue, renderMessage, transitionErrorCodes, type TransitionErrorCode } from "@/contract";
import { conditionHolds } from "./conditions";
import type { ServiceDefinition } from "./definitionSchema";
import { describeCondition } from "./describeCondition";
import { escalationRoute } from "./escalation";
import type { WorkflowState, WorkflowTransition } from "./workflowSchema";

/** What the user supplies with an action: comment, current record data, ticked checklist keys. */
export interface TransitionInput {
  comment?: string;
  /** the record's answers with the dialog's merged in */
  fields?: Readonly<Record<string, unknown>>;
  checklist?: readonly string[];
  /** the record's answers as stored, which the guard reads (default: fields) */
  recordData?: Readonly<Record<string, unknown>>;
  /** YYYY-MM-DD, for guards comparing with today (default: the local date) */
  today?: string;
  /** the unit picked in the dialog, for an escalation to a chosen unit */
  targetUnit?: string | null;
}

export type TransitionFailure = {
  ok: false;
  code: TransitionErrorCode;
  /** missing field keys or checklist keys, for pointing at them in the form */
  missing: string[];
  message_zh: string;
  message_en: string;
};
export type TransitionCheck = { ok: true; transition: WorkflowTransition; to: WorkflowState } | TransitionFailure;

function failure(code: TransitionErrorCode, missing: string[] = [], labels = missing): TransitionFailure {
  const params = { fields: labels.join("、"), items: labels.join("、") };
  return { ok: false, code, missing, ...renderMessage(transitionErrorCodes[code], params) };
}

/** The local calendar date as YYYY-MM-DD. */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Null when the transition has no guard or it holds; else why not, in both languages. */
export function guardFailure(
  definition: ServiceDefinition,
  transition: WorkflowTransition,
  data: Readonly<Record<string, unknown>>,
  today = localToday(),
): TransitionFailure | null {
  if (!transition.when || conditionHolds(transition.when, data, today)) return null;
  const text = describeCondition(definition.fields, transition.when);
  const { zh, en } = transitionErrorCodes.transition_guard_failed;
  return {
    ok: false,
    code: "transition_guard_failed",
    missing: [],
    message_zh: zh.replace("{condition}", text.zh),
    message_en: en.replace("{condition}", text.en),
  };
}

export function findState(definition: ServiceDefinition, key: string): WorkflowState | undefined {
  return definition.workflow.states.find((state) => state.key === key);
}

const mayTake = (transition: WorkflowTransition, roleKeys: readonly string[]) => transition.roles.some((role) => roleKeys.includes(role));

/** Actions to offer: leaving this state, and allowed to one of the user's roles (no implicit admin). */
export function availableTransitions(definition: ServiceDefinition, status: string, roleKeys: readonly string[]): WorkflowTransition[] {
  return definition.workflow.transitions.filter((t) => t.from.includes(status) && mayTake(t, roleKeys));
}

/** An action the user's role may take from this state; `blocked` says why its guard refuses it now. */
export interface TransitionOffer {
  transition: WorkflowTransition;
  blocked: TransitionFailure | null;
}

/**
 * The actions to show: those of availableTransitions, each with its guard's verdict on the
 * record's data. A guarded action is shown disabled with its reason, never silently hidden.
 */
export function transitionOffers(
  definition: ServiceDefinition,
  status: string,
  roleKeys: readonly string[],
  data: Readonly<Record<string, unknown>>,
  today = localToday(),
): TransitionOffer[] {
  return availableTransitions(definition, status, roleKeys).map((transition) => ({ transition, blocked: guardFailure(definition, transition, data, today) }));
}

/** The same checks, in the same order, as the database's transition RPC. */
export function checkTransition(
  definition: ServiceDefinition,
  status: string,
  transitionKey: string,
  roleKeys: readonly string[],
  input: TransitionInput = {},
): TransitionCheck {
  const transition = definition.workflow.transitions.find((t) => t.key === transitionKey);
  if (!transition) return failure("unknown_transition");
  if (!transition.from.includes(status)) return failure("not_from_state");
  if (!mayTake(transition, roleKeys)) return failure("role_not_allowed");
  const blocked = guardFailure(definition, transition, input.recordData ?? input.fields ?? {}, input.today);
  if (blocked) return blocked;
  if (transition.requireComment && (input.comment ?? "").trim() === "") return failure("comment_required");
  const data = input.fields ?? {};
  const missingFields = transition.requireFields.filter((key) => isEmptyValue(data[key]));
  if (missingFields.length > 0) {
    const labels = missingFields.map((key) => definition.fields.find((f) => f.key === key)?.label ?? key);
    return failure("fields_required", missingFields, labels);
  }
  const ticked = new Set(input.checklist ?? []);
  const unticked = transition.checklist.filter((item) => !ticked.has(item.key));
  if (unticked.length > 0)
    return failure(
      "checklist_incomplete",
      unticked.map((i) => i.key),
      unticked.map((i) => i.label),
    );
  if (escalationRoute(transition.escalate)?.to === "choose" && !input.targetUnit) return failure("escalation_target_required");
  const to = findState(definition, transition.to);
  // parseServiceDefinition guarantees `to` exists; a hand-built definition might not
  return to ? { ok: true, transition, to } : failure("unknown_transition");
}

/** When a record entering `stateKey` at `now` becomes overdue; null if the state has no SLA. */
export function dueAt(definition: ServiceDefinition, stateKey: string, now: Date): Date | null {
  const hours = findState(definition, stateKey)?.slaHours;
  return hours === undefined ? null : new Date(now.getTime() + hours * 3_600_000);
}

export function isOverdue(due: Date | null, now: Date): boolean {
  return due !== null && now.getTime() > due.getTime();
}

/** A record's workflow position; the reducer below is the only way it changes. */
export interface WorkflowPosition {
  status: string;
  dueAt: Date | null;
}

export type WorkflowAction = { type: "create"; now: Date } | ({ type: "transition"; key: string; roleKeys: readonly string[]; now: Date } & TransitionInput);

export type WorkflowStep = { ok: true; position: WorkflowPosition; transition?: WorkflowTransition } | TransitionFailure;

export function workflowReducer(definition: ServiceDefinition, position: WorkflowPosition | null, action: WorkflowAction): WorkflowStep {
  if (action.type === "create") {
    const status = definition.workflow.initial;
    return { ok: true, position: { status, dueAt: dueAt(definition, status, action.now) } };
  }
  if (!position) return failure("not_from_state");
  const check = checkTransition(definition, position.status, action.key, action.roleKeys, action);
  if (!check.ok) return check;
  return { ok: true, transition: check.transition, position: { status: check.to.key, dueAt: dueAt(definition, check.to.key, action.now) } };
}
