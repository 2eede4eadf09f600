// What the 流程 concern writes is a workflow the definition language accepts: a workflow built
// only with its edits and pickers (states, a by-field time limit, transitions with a guard of
// each operator shape, every escalation route, set values, a checklist) parses, and the problem
// checks find nothing in it; one mistake each is then named by both the checks and the parser.
import { describe, expect, it } from "vitest";
import { fieldTypes } from "@/field-types";
import { parseServiceDefinition } from "@/services/schema";
import { fromSimpleGuard, withOperator } from "@/pages/designer/workflow/guardPickers";
import { addState, addTransition, removeState, updateState, updateTransition } from "@/pages/designer/workflow/workflowEdits";
import { workflowProblems } from "@/pages/designer/workflow/workflowProblems";
import type { DraftEscalation, DraftWorkflow } from "@/pages/designer/workflow/workflowTypes";
import { minimalDefinition } from "./support/minimal-definition";

function built(): { definition: ReturnType<typeof minimalDefinition>; workflow: DraftWorkflow } {
  let workflow: DraftWorkflow = { initial: "", states: [], transitions: [] };
  for (const label of ["待受理", "社区审核", "街道审核", "已办结", "不予受理"]) workflow = addState(workflow, label).workflow;
  const [open, community, street, done, refused] = workflow.states.map((state) => state.key);
  workflow = { ...workflow, initial: open };
  workflow = updateState(workflow, open, (s) => ({ ...s, timeLimit: { byField: "kind", values: { a: { hours: 2 } }, default: { workdays: 3 } } }));
  workflow = updateState(workflow, community, (s) => ({ ...s, color: "processing", timeLimit: { workdays: 5 } }));
  workflow = updateState(workflow, street, (s) => ({ ...s, color: "#1677ff", timeLimit: { hours: 48 } }));
  workflow = updateState(workflow, done, (s) => ({ ...s, color: "success", terminal: true }));
  workflow = updateState(workflow, refused, (s) => ({ ...s, color: "default", terminal: true }));
  const guards = [
    fromSimpleGuard({ mode: "all", leaves: [{ field: "kind", op: "eq", value: "a" }] }),
    fromSimpleGuard({ mode: "any", leaves: [withOperator({ field: "kind", op: "eq", value: "b" }, "in"), { field: "name", op: "not_empty" }] }),
    fromSimpleGuard({ mode: "all", leaves: [withOperator({ field: "result", op: "eq", value: "x" }, "empty")] }),
  ];
  const escalations: DraftEscalation[] = [
    { to: "parent" },
    { to: "level", level: "street" },
    { to: "origin" },
    { to: "choose", levels: ["community", "street"] },
  ];
  const add = (label: string, from: string, to: string) => {
    const added = addTransition(workflow, { label, from: [from], to, roles: ["staff"] });
    workflow = added.workflow;
    return added.key;
  };
  const accept = add("受理", open, community);
  const up = add("报街道", community, street);
  const back = add("退回", street, community);
  const approve = add("审核通过", street, done);
  const refuse = add("不予受理", open, refused);
  workflow = updateTransition(workflow, accept, (t) => ({ ...t, when: guards[0], escalate: escalations[0], requireComment: true }));
  workflow = updateTransition(workflow, up, (t) => ({
    ...t,
    when: guards[1],
    escalate: escalations[1],
    set: [{ field: "result", from: "target_level", map: { street: "街道" } }],
  }));
  workflow = updateTransition(workflow, back, (t) => ({ ...t, when: guards[2], escalate: escalations[2], roles: ["community_admin", "staff"] }));
  workflow = updateTransition(workflow, approve, (t) => ({
    ...t,
    escalate: escalations[3],
    requireFields: ["result"],
    checklist: [{ key: "shen_fen_zheng_yuan_jian", label: "身份证原件" }],
    set: [{ field: "name", value: "已核" }],
  }));
  workflow = updateTransition(workflow, refuse, (t) => ({ ...t, requireComment: true }));
  return { definition: { ...minimalDefinition(), workflow: workflow as unknown as ReturnType<typeof minimalDefinition>["workflow"] }, workflow };
}

describe("the 流程 concern's output", () => {
  it("parses as a definition and has no problems", () => {
    const { definition, workflow } = built();
    const parsed = parseServiceDefinition(definition, fieldTypes);
    expect(parsed.ok ? [] : parsed.errors).toEqual([]);
    expect(workflowProblems(workflow, { fields: definition.fields as never, permissions: definition.permissions as never })).toEqual([]);
    expect(workflow.transitions!.map((t) => t.key)).toEqual(["shou_li", "bao_jie_dao", "tui_hui", "shen_he_tong_guo", "bu_yu_shou_li"]);
  });

  it("a deleted state leaves a workflow that still parses; a guard on a missing field is named by both", () => {
    const { definition, workflow } = built();
    const without = removeState(workflow, "jie_dao_shen_he");
    const parsed = parseServiceDefinition({ ...definition, workflow: without }, fieldTypes);
    expect(parsed.ok ? [] : parsed.errors).toEqual([]);
    const broken = updateTransition(workflow, "shou_li", (t) => ({
      ...t,
      when: fromSimpleGuard({ mode: "all", leaves: [{ field: "gone", op: "not_empty" }] }),
    }));
    expect(workflowProblems(broken, { fields: definition.fields as never }).map((p) => p.kind)).toEqual(["unknown_field_ref"]);
    const refused = parseServiceDefinition({ ...definition, workflow: broken }, fieldTypes);
    expect(refused.ok ? [] : refused.errors.map((e) => `${e.path} ${e.code}`)).toEqual(["workflow.transitions[0].when unknown_field_ref"]);
  });
});
