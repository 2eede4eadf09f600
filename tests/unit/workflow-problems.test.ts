import { describe, expect, it } from "vitest";
import { problemsOf, reachableStates, workflowProblems, type WorkflowProblem } from "@/pages/designer/workflow/workflowProblems";
import type { DraftField, DraftWorkflow } from "@/pages/designer/workflow/workflowTypes";

const fields: DraftField[] = [
  { key: "name", label: "姓名", type: "text" },
  {
    key: "urgency",
    label: "紧急程度",
    type: "select",
    options: [
      { value: "red", label: "红" },
      { value: "blue", label: "蓝" },
    ],
  },
  { key: "result", label: "结果", type: "textarea" },
];

/** 待受理 → 办理中 → 已办结, with 退回 back; every check passes on it. */
function sound(): DraftWorkflow {
  return {
    initial: "open",
    states: [
      { key: "open", label: "待受理", color: "blue", timeLimit: { byField: "urgency", values: { red: { hours: 2 } }, default: { hours: 24 } } },
      { key: "doing", label: "办理中", color: "processing", timeLimit: { workdays: 5 } },
      { key: "done", label: "已办结", color: "success", terminal: true },
    ],
    transitions: [
      { key: "accept", label: "受理", from: ["open"], to: "doing", roles: ["staff"] },
      { key: "back", label: "退回", from: ["doing"], to: "open", roles: ["staff"], requireComment: true },
      {
        key: "finish",
        label: "办结",
        from: ["doing"],
        to: "done",
        roles: ["community_admin"],
        requireFields: ["result"],
        when: { all: [{ field: "name", op: "not_empty" }] },
        set: [{ field: "result", value: "ok" }],
      },
    ],
  };
}

const kinds = (problems: WorkflowProblem[]) => problems.map((p) => `${p.kind} ${"state" in p.target ? p.target.state : p.target.transition}`).sort();
const check = (workflow: DraftWorkflow, extra: Partial<Parameters<typeof workflowProblems>[1]> = {}) =>
  workflowProblems(workflow, { fields, permissions: { staff: ["read", "update"], community_admin: ["read"] }, ...extra });

describe("workflowProblems", () => {
  it("finds nothing wrong with a sound workflow", () => {
    expect(check(sound(), { rolePeople: new Map([["staff", 2]]), transitionPeople: new Map([["accept", 2]]) })).toEqual([]);
  });

  it("flags a state no path reaches and a non-terminal state with no way out", () => {
    const workflow = sound();
    workflow.states.push({ key: "limbo", label: "悬空", color: "default" });
    expect(kinds(check(workflow))).toEqual(["dead_end_state limbo", "unreachable_state limbo"]);
    const problem = check(workflow).find((p) => p.kind === "dead_end_state")!;
    expect(problem.message_zh).toContain("悬空");
    expect(problem.message_en).toContain("not terminal");
    expect(problem.severity).toBe("error");
  });

  it("counts a guarded path as a way and a register without transitions as fine", () => {
    expect(reachableStates(sound())).toEqual(new Set(["open", "doing", "done"]));
    const register: DraftWorkflow = { initial: "open", states: [{ key: "open", label: "登记", color: "blue" }] };
    expect(check(register)).toEqual([]);
  });

  it("flags a terminal state with a way out, and a workflow that never finishes", () => {
    const workflow = sound();
    workflow.transitions!.push({ key: "reopen", label: "重开", from: ["done"], to: "doing", roles: ["staff"] });
    expect(kinds(check(workflow))).toEqual(["terminal_outgoing done"]);
    const endless = sound();
    endless.states[2] = { ...endless.states[2], terminal: false };
    endless.transitions!.push({ key: "again", label: "再办", from: ["done"], to: "open", roles: ["staff"] });
    expect(kinds(check(endless))).toEqual(["no_terminal_reachable open"]);
  });

  it("flags a transition no role may take, a role without read, a role nobody holds, and nobody at all", () => {
    const workflow = sound();
    workflow.transitions![0] = { ...workflow.transitions![0], roles: [] };
    workflow.transitions![1] = { ...workflow.transitions![1], roles: ["leader"] };
    workflow.transitions![2] = { ...workflow.transitions![2], roles: ["community_admin", "staff"] };
    const problems = check(workflow, {
      rolePeople: new Map([
        ["leader", 0],
        ["community_admin", 1],
        ["staff", 0],
      ]),
      transitionPeople: new Map([
        ["back", 0],
        ["finish", 1],
      ]),
      roleNames: new Map([["leader", "领导"]]),
    });
    // 退回: nobody at all (one error, not one more per role); 办结: staff holds no one but the admin may act
    expect(kinds(problems)).toEqual(["role_held_by_nobody finish", "role_not_granted back", "transition_no_people back", "transition_no_roles accept"]);
    expect(problems.find((p) => p.kind === "role_not_granted")!.message_zh).toContain("领导");
    expect(problems.find((p) => p.kind === "role_not_granted")!.severity).toBe("warning");
    expect(problems.find((p) => p.kind === "role_held_by_nobody")!.severity).toBe("warning");
    expect(problems.find((p) => p.kind === "transition_no_people")!.severity).toBe("error");
  });

  it("flags a guard, required field, set value or time limit naming a field the form does not have", () => {
    const workflow = sound();
    workflow.states[0] = { ...workflow.states[0], timeLimit: { byField: "priority", values: {} } };
    workflow.transitions![2] = {
      ...workflow.transitions![2],
      when: { any: [{ field: "name", op: "eq", valueFrom: "nickname" }, { not: { field: "age", op: "gt", value: 60 } }] },
      requireFields: ["photo"],
      set: [{ field: "handler", from: "current_user" }],
    };
    const problems = check(workflow);
    expect(kinds(problems)).toEqual([
      "unknown_field_ref finish",
      "unknown_field_ref finish",
      "unknown_field_ref finish",
      "unknown_field_ref finish",
      "unknown_field_ref open",
    ]);
    const texts = problems.map((p) => p.message_zh).join("\n");
    for (const key of ["nickname", "age", "photo", "handler", "priority"]) expect(texts).toContain(key);
  });

  it("flags duplicate keys, a missing initial state and a transition to a state that is gone", () => {
    const workflow = sound();
    workflow.states.push({ key: "done", label: "又一个办结", color: "success", terminal: true });
    workflow.transitions!.push({ key: "accept", label: "再受理", from: ["open"], to: "ghost", roles: ["staff"] });
    expect(kinds(check(workflow))).toEqual(["duplicate_key accept", "duplicate_key done", "unknown_state_ref accept"]);
    expect(kinds(check({ ...sound(), initial: "nowhere" }))).toEqual([
      "initial_missing nowhere",
      "unreachable_state doing",
      "unreachable_state done",
      "unreachable_state open",
    ]);
  });

  it("picks the problems of one state or transition for its badge", () => {
    const workflow = sound();
    workflow.states.push({ key: "limbo", label: "悬空", color: "default" });
    const problems = check(workflow);
    expect(problemsOf(problems, { state: "limbo" })).toHaveLength(2);
    expect(problemsOf(problems, { state: "open" })).toHaveLength(0);
    expect(problemsOf(problems, { transition: "limbo" })).toHaveLength(0);
  });
});
