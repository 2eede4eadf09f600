// The 流程 concern's edits (pure, immutable), its automatic layout and its guard pickers.
import { describe, expect, it } from "vitest";
import { autoLayout, layerOf } from "@/pages/designer/workflow/autoLayout";
import { fromSimpleGuard, operatorsFor, toSimpleGuard, withOperator } from "@/pages/designer/workflow/guardPickers";
import {
  addState,
  addTransition,
  removeState,
  removeTransition,
  setInitial,
  transitionsRemovedWith,
  updateState,
} from "@/pages/designer/workflow/workflowEdits";
import type { DraftWorkflow } from "@/pages/designer/workflow/workflowTypes";

function chain(): DraftWorkflow {
  return {
    initial: "open",
    states: [
      { key: "open", label: "待受理", color: "blue" },
      { key: "doing", label: "办理中", color: "processing" },
      { key: "done", label: "已办结", color: "success", terminal: true },
    ],
    transitions: [
      { key: "accept", label: "受理", from: ["open"], to: "doing", roles: ["staff"] },
      { key: "finish", label: "办结", from: ["doing", "open"], to: "done", roles: ["staff"] },
      { key: "back", label: "退回", from: ["doing"], to: "open", roles: ["staff"] },
    ],
  };
}

describe("workflow edits", () => {
  it("adds states and transitions with keys from their labels, never reusing one", () => {
    const before = chain();
    const { workflow, key } = addState(before, "街道审核");
    expect(key).toBe("jie_dao_shen_he");
    expect(workflow.states.at(-1)).toEqual({ key, label: "街道审核", color: "blue" });
    expect(before.states).toHaveLength(3);
    const again = addState(workflow, "街道审核");
    expect(again.key).toBe("jie_dao_shen_he_2");
    const added = addTransition(again.workflow, { label: "受理", from: ["open"], to: "jie_dao_shen_he", roles: [] });
    expect(added.key).toBe("shou_li");
    expect(addTransition(added.workflow, { label: "受理", from: ["open"], to: "done", roles: [] }).key).toBe("shou_li_2");
  });

  it("keeps a state's key when its label changes", () => {
    const renamed = updateState(chain(), "open", (state) => ({ ...state, label: "已上报" }));
    expect(renamed.states[0]).toEqual({ key: "open", label: "已上报", color: "blue" });
  });

  it("removing a state removes the transitions entering it or leaving only it, and trims the others", () => {
    const workflow = chain();
    expect(transitionsRemovedWith(workflow, "doing").map((t) => t.key)).toEqual(["accept", "back"]);
    const removed = removeState(workflow, "doing");
    expect(removed.states.map((s) => s.key)).toEqual(["open", "done"]);
    expect(removed.transitions).toEqual([{ key: "finish", label: "办结", from: ["open"], to: "done", roles: ["staff"] }]);
    expect(removed.initial).toBe("open");
    expect(removeState(workflow, "open").initial).toBe("doing");
    expect(workflow.transitions).toHaveLength(3);
  });

  it("removes a transition and sets the initial state", () => {
    expect(removeTransition(chain(), "back").transitions!.map((t) => t.key)).toEqual(["accept", "finish"]);
    expect(setInitial(chain(), "doing").initial).toBe("doing");
  });
});

describe("autoLayout", () => {
  it("puts states in rows by distance from the initial state, unreachable ones last", () => {
    const workflow = chain();
    workflow.states.push({ key: "limbo", label: "悬空", color: "default" });
    expect(Object.fromEntries(layerOf(workflow))).toEqual({ open: 0, doing: 1, done: 1 });
    const positions = autoLayout(workflow);
    expect(positions.get("open")!.y).toBeLessThan(positions.get("doing")!.y);
    expect(positions.get("doing")!.y).toBe(positions.get("done")!.y);
    expect(positions.get("doing")!.x).not.toBe(positions.get("done")!.x);
    expect(positions.get("limbo")!.y).toBeGreaterThan(positions.get("done")!.y);
  });
});

describe("guard pickers", () => {
  it("round-trips all / any of leaves and a single leaf", () => {
    const all = { all: [{ field: "age", op: "gte", value: 80 }] };
    expect(toSimpleGuard(all)).toEqual({ mode: "all", leaves: [{ field: "age", op: "gte", value: 80 }] });
    expect(fromSimpleGuard(toSimpleGuard(all) as never)).toEqual(all);
    const any = {
      any: [
        { field: "kind", op: "in", value: ["a", "b"] },
        { field: "note", op: "not_empty" },
      ],
    };
    expect(fromSimpleGuard(toSimpleGuard(any) as never)).toEqual(any);
    expect(toSimpleGuard({ field: "x", op: "empty" })).toEqual({ mode: "all", leaves: [{ field: "x", op: "empty" }] });
    expect(toSimpleGuard(undefined)).toBeNull();
    expect(fromSimpleGuard({ mode: "any", leaves: [] })).toBeUndefined();
  });

  it("leaves guards the pickers cannot show to the admin to clear", () => {
    expect(toSimpleGuard({ not: { field: "x", op: "empty" } })).toBe("complex");
    expect(toSimpleGuard({ all: [{ any: [{ field: "x", op: "empty" }] }] })).toBe("complex");
    expect(toSimpleGuard({ field: "a", op: "eq", valueFrom: "b" })).toBe("complex");
  });

  it("reshapes the value when the operator changes, and offers operators by field type", () => {
    expect(withOperator({ field: "k", op: "eq", value: "a" }, "in")).toEqual({ field: "k", op: "in", value: ["a"] });
    expect(withOperator({ field: "k", op: "in", value: ["a", "b"] }, "eq")).toEqual({ field: "k", op: "eq", value: "a" });
    expect(withOperator({ field: "k", op: "eq", value: "a" }, "empty")).toEqual({ field: "k", op: "empty" });
    expect(operatorsFor({ key: "n", label: "n", type: "number" })).toContain("gte");
    expect(operatorsFor({ key: "s", label: "s", type: "select" })).not.toContain("gte");
    expect(operatorsFor({ key: "b", label: "b", type: "boolean" })).toEqual(["eq", "neq", "empty", "not_empty"]);
  });
});
