// The workflow's problems as the designer shows them on the diagram and above it, recomputed on
// every edit (research/designer-and-cockpit.md §2.2 item 7). Errors would strand records or
// break publishing; warnings work but are probably mistakes. Pure: the roles' head counts come
// in from the database (count_transition_actors) when they are known.
import { guardFieldKeys, transitionsOf, type DraftField, type DraftPermissions, type DraftWorkflow } from "./workflowTypes";

export type WorkflowProblemKind =
  | "duplicate_key"
  | "initial_missing"
  | "unknown_state_ref"
  | "unreachable_state"
  | "dead_end_state"
  | "no_terminal_reachable"
  | "terminal_outgoing"
  | "transition_no_roles"
  | "role_not_granted"
  | "role_held_by_nobody"
  | "transition_no_people"
  | "unknown_field_ref";

export type ProblemTarget = { state: string } | { transition: string };

export interface WorkflowProblem {
  kind: WorkflowProblemKind;
  severity: "error" | "warning";
  target: ProblemTarget;
  message_zh: string;
  message_en: string;
}

export interface ProblemContext {
  fields: readonly DraftField[];
  permissions?: DraftPermissions;
  /** role key → distinct active people holding it at the sample unit or above; omitted while unknown */
  rolePeople?: ReadonlyMap<string, number>;
  /** transition key → distinct people who may take it; omitted while unknown */
  transitionPeople?: ReadonlyMap<string, number>;
  /** role key → its name, for messages (the key when absent) */
  roleNames?: ReadonlyMap<string, string>;
}

/** States reachable from the initial one by any chain of transitions (guards ignored). */
export function reachableStates(workflow: DraftWorkflow): Set<string> {
  const reached = new Set<string>([workflow.initial]);
  for (let grew = true; grew;) {
    grew = false;
    for (const transition of transitionsOf(workflow)) {
      if (!reached.has(transition.to) && transition.from.some((state) => reached.has(state))) {
        reached.add(transition.to);
        grew = true;
      }
    }
  }
  return reached;
}

function duplicateKeys(keys: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const key of keys) (seen.has(key) ? twice : seen).add(key);
  return twice;
}

export function workflowProblems(workflow: DraftWorkflow, context: ProblemContext): WorkflowProblem[] {
  const problems: WorkflowProblem[] = [];
  const add = (kind: WorkflowProblemKind, severity: WorkflowProblem["severity"], target: ProblemTarget, zh: string, en: string) =>
    problems.push({ kind, severity, target, message_zh: zh, message_en: en });
  const transitions = transitionsOf(workflow);
  const states = new Map(workflow.states.map((state) => [state.key, state]));
  const stateName = (key: string) => states.get(key)?.label ?? key;
  const stateNameEn = (key: string) => states.get(key)?.label_en ?? stateName(key);
  const fieldKeys = new Set(context.fields.map((field) => field.key));
  const roleName = (key: string) => context.roleNames?.get(key) ?? key;

  for (const key of duplicateKeys(workflow.states.map((state) => state.key)))
    add("duplicate_key", "error", { state: key }, `有多个状态的编码都是「${key}」`, `Several states have the key "${key}"`);
  for (const key of duplicateKeys(transitions.map((transition) => transition.key)))
    add("duplicate_key", "error", { transition: key }, `有多个流转的编码都是「${key}」`, `Several transitions have the key "${key}"`);

  if (!states.has(workflow.initial))
    add(
      "initial_missing",
      "error",
      { state: workflow.initial },
      "没有设置初始状态：新记录不知道从哪里开始",
      "No initial state: new records have nowhere to start",
    );

  const reached = reachableStates(workflow);
  const leaving = (key: string) => transitions.filter((transition) => transition.from.includes(key));
  for (const state of workflow.states) {
    const target = { state: state.key };
    if (!reached.has(state.key))
      add(
        "unreachable_state",
        "error",
        target,
        `状态「${state.label}」从初始状态无法到达`,
        `State "${stateNameEn(state.key)}" cannot be reached from the initial state`,
      );
    // a service with no transitions at all is a register, not a process
    if (transitions.length > 0 && !state.terminal && leaving(state.key).length === 0)
      add(
        "dead_end_state",
        "error",
        target,
        `状态「${state.label}」不是终止状态，却没有任何流转可以离开：记录会一直停在这里`,
        `State "${stateNameEn(state.key)}" is not terminal but no transition leaves it: records would stay there for ever`,
      );
    if (state.terminal && leaving(state.key).length > 0)
      add(
        "terminal_outgoing",
        "error",
        target,
        `终止状态「${state.label}」不应有流转离开（取消“终止”或删除这些流转）`,
        `Terminal state "${stateNameEn(state.key)}" must have no transition leaving it (untick "terminal" or remove them)`,
      );
    const byField = state.timeLimit && "byField" in state.timeLimit ? state.timeLimit.byField : undefined;
    if (byField !== undefined && !fieldKeys.has(byField))
      add(
        "unknown_field_ref",
        "error",
        target,
        `状态「${state.label}」的时限按字段「${byField}」确定，但表单中没有这个字段`,
        `State "${stateNameEn(state.key)}" takes its time limit from field "${byField}", which the form does not have`,
      );
  }

  const terminals = workflow.states.filter((state) => state.terminal && reached.has(state.key));
  if (transitions.length > 0 && states.has(workflow.initial) && terminals.length === 0)
    add(
      "no_terminal_reachable",
      "error",
      { state: workflow.initial },
      "从初始状态出发到不了任何终止状态：记录永远无法办结",
      "No terminal state can be reached from the initial state: records could never be finished",
    );

  for (const transition of transitions) {
    const target = { transition: transition.key };
    const name = transition.label;
    const nameEn = transition.label_en ?? transition.label;
    for (const ref of [...transition.from, transition.to].filter((key) => !states.has(key)))
      add(
        "unknown_state_ref",
        "error",
        target,
        `流转「${name}」连接的状态「${ref}」不存在`,
        `Transition "${nameEn}" connects state "${ref}", which does not exist`,
      );
    if (transition.roles.length === 0)
      add("transition_no_roles", "error", target, `流转「${name}」没有指定任何角色：谁都不能办理`, `Transition "${nameEn}" names no role: nobody may take it`);
    for (const role of transition.roles) {
      const actions = context.permissions?.[role] ?? [];
      if (context.permissions && !actions.includes("read"))
        add(
          "role_not_granted",
          "warning",
          target,
          `流转「${name}」的角色「${roleName(role)}」在本服务没有“查看”权限，看不到要办理的记录`,
          `Transition "${nameEn}": role "${roleName(role)}" may not read this service, so it never sees the records to act on`,
        );
      // when nobody at all may take it, that one error says it; per role it is a hint
      if (context.rolePeople?.get(role) === 0 && context.transitionPeople?.get(transition.key) !== 0)
        add(
          "role_held_by_nobody",
          "warning",
          target,
          `流转「${name}」的角色「${roleName(role)}」在示例单位及上级无人担任`,
          `Transition "${nameEn}": nobody holds role "${roleName(role)}" at the sample unit or above`,
        );
    }
    if (transition.roles.length > 0 && context.transitionPeople?.get(transition.key) === 0)
      add(
        "transition_no_people",
        "error",
        target,
        `流转「${name}」无人可办理（示例单位及上级没有人担任其角色）`,
        `Nobody can take transition "${nameEn}" at the sample unit`,
      );
    const references: [string, string, string][] = [
      ...guardFieldKeys(transition.when).map((key): [string, string, string] => [key, "条件", "condition"]),
      ...(transition.requireFields ?? []).map((key): [string, string, string] => [key, "必填字段", "required fields"]),
      ...(transition.set ?? []).map((assignment): [string, string, string] => [assignment.field, "自动填写", "values it sets"]),
    ];
    for (const [key, partZh, partEn] of references.filter(([key]) => !fieldKeys.has(key)))
      add(
        "unknown_field_ref",
        "error",
        target,
        `流转「${name}」的${partZh}用到字段「${key}」，但表单中没有这个字段`,
        `Transition "${nameEn}": its ${partEn} name field "${key}", which the form does not have`,
      );
  }
  return problems;
}

/** The problems about one state or one transition (for its badge on the diagram). */
export function problemsOf(problems: readonly WorkflowProblem[], target: ProblemTarget): WorkflowProblem[] {
  return problems.filter((problem) =>
    "state" in target
      ? "state" in problem.target && problem.target.state === target.state
      : "transition" in problem.target && problem.target.transition === target.transition,
  );
}
