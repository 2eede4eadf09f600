// 试运行: a sample record taken through the draft workflow in the designer, nothing saved. Guards
// are evaluated by the engine's own condition code (conditionHolds, mirrored by the database),
// and due dates by the database's rule (private.record_due_at, private.add_workdays), so what
// the admin sees here is what a staff member will meet.
import type { RuleCondition } from "@/services/conditionSchema";
import { conditionHolds } from "@/services/conditions";
import { describeGuard } from "./guardPickers";
import { transitionsOf, type DraftDuration, type DraftField, type DraftState, type DraftTransition, type DraftWorkflow } from "./workflowTypes";

type Answers = Readonly<Record<string, unknown>>;

/** How long a record may stay in the state given its answers, as private.record_due_at decides. */
export function stateLimit(state: DraftState | undefined, answers: Answers): DraftDuration | null {
  if (!state || state.terminal) return null;
  const limit = state.timeLimit ?? (state.slaHours !== undefined ? { hours: state.slaHours } : undefined);
  if (!limit) return null;
  if (!("byField" in limit)) return limit;
  const answer = answers[limit.byField];
  // the database reads the answer as text (p_data ->> key): true → "true", 3 → "3"
  const chosen = answer === undefined || answer === null ? undefined : limit.values[String(answer)];
  return chosen ?? limit.default ?? null;
}

/** Calendar entries that override Monday–Friday: a holiday on a weekday, a 调休 working weekend day. */
export type WorkCalendar = ReadonlyMap<string, "holiday" | "workday">;

const shanghaiOffsetMs = 8 * 3_600_000;
const dayMs = 86_400_000;

/**
 * The end (23:59:59 Beijing time) of the `days`-th working day after the day `from` falls on in
 * China; the starting day does not count. Same rule as private.add_workdays.
 */
export function addWorkdays(from: Date, days: number, calendar: WorkCalendar): Date {
  let day = Math.floor((from.getTime() + shanghaiOffsetMs) / dayMs);
  for (let remaining = Math.min(Math.max(days, 0), 366); remaining > 0;) {
    day += 1;
    const iso = new Date(day * dayMs).toISOString().slice(0, 10);
    const weekday = new Date(day * dayMs).getUTCDay();
    const kind = calendar.get(iso);
    if (kind === "workday" || (kind === undefined && weekday !== 0 && weekday !== 6)) remaining -= 1;
  }
  return new Date((day + 1) * dayMs - shanghaiOffsetMs - 1000);
}

export function dueDate(limit: DraftDuration | null, from: Date, calendar: WorkCalendar): Date | null {
  if (!limit) return null;
  return "hours" in limit ? new Date(from.getTime() + limit.hours * 3_600_000) : addWorkdays(from, limit.workdays, calendar);
}

/** A guard as the engine evaluates it, or null when the draft's guard is absent. */
function guardOf(transition: DraftTransition): RuleCondition | null {
  return transition.when ? (transition.when as RuleCondition) : null;
}

export interface DryRunOffer {
  transition: DraftTransition;
  /** whether the chosen role may take it (all roles: always) */
  roleAllowed: boolean;
  /** why the guard refuses it for these answers, in both languages; null when it may be taken */
  blocked: { zh: string; en: string } | null;
}

/**
 * The transitions leaving `status`, each with whether the sample's role may take it and its
 * guard's verdict on the sample answers (`today` is YYYY-MM-DD). `role` undefined: any role.
 */
export function dryRunOffers(
  workflow: DraftWorkflow,
  fields: readonly DraftField[],
  status: string,
  answers: Answers,
  today: string,
  role?: string,
): DryRunOffer[] {
  return transitionsOf(workflow)
    .filter((transition) => transition.from.includes(status))
    .map((transition) => {
      const guard = guardOf(transition);
      let blocked: DryRunOffer["blocked"] = null;
      if (guard && !safeHolds(guard, answers, today)) {
        const text = describeGuard(fields, guard) ?? { zh: "?", en: "?" };
        blocked = { zh: `需满足：${text.zh}`, en: `Requires: ${text.en}` };
      }
      return { transition, roleAllowed: role === undefined || transition.roles.includes(role), blocked };
    });
}

/** A half-built guard (a leaf without its value) must not break the dry run: it does not hold. */
function safeHolds(guard: RuleCondition, answers: Answers, today: string): boolean {
  try {
    return conditionHolds(guard, answers, today);
  } catch {
    return false;
  }
}

export interface DryRunStep {
  state: string;
  /** the transition that led here; absent for the start */
  via?: string;
  enteredAt: Date;
  dueAt: Date | null;
  limit: DraftDuration | null;
}

export function startDryRun(workflow: DraftWorkflow, answers: Answers, now: Date, calendar: WorkCalendar): DryRunStep {
  const limit = stateLimit(
    workflow.states.find((state) => state.key === workflow.initial),
    answers,
  );
  return { state: workflow.initial, enteredAt: now, limit, dueAt: dueDate(limit, now, calendar) };
}

/** The step after taking `transitionKey` from the last step; null when it is not offered there. */
export function takeTransition(
  workflow: DraftWorkflow,
  path: readonly DryRunStep[],
  transitionKey: string,
  answers: Answers,
  now: Date,
  calendar: WorkCalendar,
): DryRunStep | null {
  const current = path[path.length - 1];
  const transition = transitionsOf(workflow).find((candidate) => candidate.key === transitionKey);
  if (!current || !transition || !transition.from.includes(current.state)) return null;
  const limit = stateLimit(
    workflow.states.find((state) => state.key === transition.to),
    answers,
  );
  return { state: transition.to, via: transition.key, enteredAt: now, limit, dueAt: dueDate(limit, now, calendar) };
}

/** "24 小时" / "5 个工作日", for the path and the diagram's badges. */
export function durationText(limit: DraftDuration): { zh: string; en: string } {
  if ("hours" in limit) return { zh: `${limit.hours} 小时`, en: `${limit.hours} h` };
  return { zh: `${limit.workdays} 个工作日`, en: `${limit.workdays} working day${limit.workdays === 1 ? "" : "s"}` };
}
