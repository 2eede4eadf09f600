import { describe, expect, it } from "vitest";
import { checkTransitionForm, initialTransitionValues, transitionRequest } from "@/views/show/transitionForm";
import { fieldTypes } from "@/field-types";
import { parseServiceDefinition } from "@/services/schema";
import { routingDefinition } from "../../support/routing-definition";
import { template } from "./templates";

function parsed(json: unknown) {
  const result = parseServiceDefinition(json, fieldTypes);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.definition;
}

const elderly = template("elderly_benefit");
const grid = template("grid_event");
const transition = (definition: typeof elderly, key: string) => {
  const found = definition.workflow.transitions.find((t) => t.key === key);
  if (!found) throw new Error(key);
  return found;
};

describe("transition dialog", () => {
  it("can be submitted only when every offline check is ticked", () => {
    const verify = transition(elderly, "verify_originals");
    const values = initialTransitionValues(elderly, verify, {});
    expect(checkTransitionForm(elderly, "accepted", verify, ["staff"], {}, { ...values, checklist: ["id_card", "hukou", "age_matches"] })).toMatchObject({
      ok: false,
      code: "checklist_incomplete",
      missing: ["other_documents"],
    });
    const all = verify.checklist.map((item) => item.key);
    expect(checkTransitionForm(elderly, "accepted", verify, ["staff"], {}, { ...values, checklist: all }).ok).toBe(true);
    expect(checkTransitionForm(elderly, "accepted", verify, ["leader"], {}, { ...values, checklist: all })).toMatchObject({
      ok: false,
      code: "role_not_allowed",
    });
  });

  it("needs the comment an escalation asks for", () => {
    const escalate = transition(grid, "escalate_to_community");
    const values = initialTransitionValues(grid, escalate, {});
    expect(checkTransitionForm(grid, "grid_handling", escalate, ["grid_worker"], {}, values)).toMatchObject({ ok: false, code: "comment_required" });
    expect(checkTransitionForm(grid, "grid_handling", escalate, ["grid_worker"], {}, { ...values, comment: "  需社区协调 " }).ok).toBe(true);
  });

  it("counts required answers the record already has, and sends only new ones", () => {
    const resolve = transition(grid, "resolve_in_grid");
    const record = { title: "路灯不亮", result: null };
    const values = initialTransitionValues(grid, resolve, record);
    expect(values.data).toEqual({ result: null, result_photos: null });
    expect(values.targetUnit).toBeNull();
    expect(checkTransitionForm(grid, "grid_handling", resolve, ["grid_worker"], record, values)).toMatchObject({ ok: false, code: "fields_required" });
    const filled = { ...values, data: { result: "已更换灯泡" } };
    expect(checkTransitionForm(grid, "grid_handling", resolve, ["grid_worker"], record, filled).ok).toBe(true);
    expect(transitionRequest(grid, resolve, record, filled)).toEqual({ transition: "resolve_in_grid", fields: { result: "已更换灯泡" } });
    expect(transitionRequest(grid, resolve, { result: "已更换灯泡" }, filled)).toEqual({ transition: "resolve_in_grid" });
  });

  it("shows and sends a transition's staged fields, and the unit chosen for an escalation", () => {
    const routed = parsed(routingDefinition());
    const resolve = transition(routed, "resolve");
    const record = { title: "路灯不亮", kind: "card" };
    const values = initialTransitionValues(routed, resolve, record);
    expect(values.data).toEqual({ result: null });
    const filled = { ...values, data: { ...values.data, result: "已修复" } };
    expect(checkTransitionForm(routed, "open", resolve, ["staff"], record, filled).ok).toBe(true);
    expect(transitionRequest(routed, resolve, record, filled)).toEqual({ transition: "resolve", fields: { result: "已修复" } });
    const whistle = transition(routed, "whistle");
    const none = initialTransitionValues(routed, whistle, record);
    expect(checkTransitionForm(routed, "open", whistle, ["staff"], record, none)).toMatchObject({ ok: false, code: "escalation_target_required" });
    expect(transitionRequest(routed, whistle, record, { ...none, targetUnit: "u1" })).toEqual({ transition: "whistle", targetUnit: "u1" });
  });

  it("sends the ticked checklist keys in the definition order and a trimmed comment", () => {
    const verify = transition(elderly, "verify_originals");
    expect(transitionRequest(elderly, verify, {}, { comment: " 原件齐全 ", data: {}, checklist: ["hukou", "id_card"] })).toEqual({
      transition: "verify_originals",
      comment: "原件齐全",
      checklist: ["id_card", "hukou"],
    });
  });
});
