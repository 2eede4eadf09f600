import { describe, expect, it } from "vitest";
import { parseServiceDefinition, type ServiceDefinition } from "@/services/schema";
import { availableTransitions, checkTransition, dueAt, isOverdue, workflowReducer } from "@/services/workflow";
import { minimalDefinition } from "../support/minimal-definition";
import { fieldTypes } from "@/field-types";

function definition(): ServiceDefinition {
  const result = parseServiceDefinition(minimalDefinition(), fieldTypes);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.definition;
}

const complete = { comment: "材料齐全", fields: { result: "同意" }, checklist: ["id_card"] };

describe("availableTransitions", () => {
  it("offers what leaves the state and the role may take", () => {
    expect(availableTransitions(definition(), "open", ["staff"]).map((t) => t.key)).toEqual(["submit"]);
    expect(availableTransitions(definition(), "review", ["community_admin"]).map((t) => t.key)).toEqual(["approve"]);
  });

  it("offers nothing to other roles, in terminal states or unknown states", () => {
    expect(availableTransitions(definition(), "open", ["leader"])).toEqual([]);
    expect(availableTransitions(definition(), "done", ["staff", "community_admin"])).toEqual([]);
    expect(availableTransitions(definition(), "nowhere", ["staff"])).toEqual([]);
  });

  it("has no implicit super-user: system_admin needs to be listed", () => {
    expect(availableTransitions(definition(), "open", ["system_admin"])).toEqual([]);
  });
});

describe("checkTransition", () => {
  it("allows a complete request and names the target state", () => {
    const check = checkTransition(definition(), "review", "approve", ["community_admin"], complete);
    expect(check.ok).toBe(true);
    if (check.ok) expect(check.to.key).toBe("done");
  });

  it.each([
    { name: "unknown transition", status: "review", key: "teleport", roles: ["community_admin"], input: complete, code: "unknown_transition" },
    { name: "wrong state", status: "open", key: "approve", roles: ["community_admin"], input: complete, code: "not_from_state" },
    { name: "role not allowed", status: "review", key: "approve", roles: ["staff"], input: complete, code: "role_not_allowed" },
    { name: "blank comment", status: "review", key: "approve", roles: ["community_admin"], input: { ...complete, comment: "  " }, code: "comment_required" },
    {
      name: "required field empty",
      status: "review",
      key: "approve",
      roles: ["community_admin"],
      input: { ...complete, fields: { result: "" } },
      code: "fields_required",
    },
    {
      name: "checklist not ticked",
      status: "review",
      key: "approve",
      roles: ["community_admin"],
      input: { ...complete, checklist: [] },
      code: "checklist_incomplete",
    },
  ])("refuses: $name → $code", ({ status, key, roles, input, code }) => {
    const check = checkTransition(definition(), status, key, roles, input);
    expect(check).toMatchObject({ ok: false, code });
  });

  it("names what is missing in both languages", () => {
    const fields = checkTransition(definition(), "review", "approve", ["community_admin"], { ...complete, fields: {} });
    expect(fields).toMatchObject({ ok: false, missing: ["result"], message_zh: "请先填写：结果", message_en: "Fill in first: 结果" });
    const list = checkTransition(definition(), "review", "approve", ["community_admin"], { ...complete, checklist: ["other"] });
    expect(list).toMatchObject({ ok: false, missing: ["id_card"], message_zh: "请先完成线下核验：身份证原件" });
  });
});

describe("dueAt", () => {
  const now = new Date("2025-03-01T08:00:00+08:00");
  it("adds the state SLA in hours", () => {
    expect(dueAt(definition(), "open", now)?.toISOString()).toBe("2025-03-02T00:00:00.000Z");
  });
  it("is null for states without SLA or unknown states", () => {
    expect(dueAt(definition(), "review", now)).toBeNull();
    expect(dueAt(definition(), "nowhere", now)).toBeNull();
  });
  it("isOverdue compares strictly after the due time", () => {
    const due = new Date("2025-03-02T00:00:00Z");
    expect(isOverdue(due, new Date("2025-03-02T00:00:00Z"))).toBe(false);
    expect(isOverdue(due, new Date("2025-03-02T00:00:01Z"))).toBe(true);
    expect(isOverdue(null, now)).toBe(false);
  });
});

describe("workflowReducer", () => {
  const now = new Date("2025-03-01T00:00:00Z");
  it("creates records in the initial state with its due time, then follows transitions", () => {
    const created = workflowReducer(definition(), null, { type: "create", now });
    expect(created).toMatchObject({ ok: true, position: { status: "open", dueAt: new Date("2025-03-02T00:00:00Z") } });
    if (!created.ok) return;
    const submitted = workflowReducer(definition(), created.position, { type: "transition", key: "submit", roleKeys: ["staff"], now });
    expect(submitted).toMatchObject({ ok: true, position: { status: "review", dueAt: null } });
  });

  it("leaves the position alone when the transition is refused", () => {
    const refused = workflowReducer(definition(), { status: "open", dueAt: null }, { type: "transition", key: "approve", roleKeys: ["community_admin"], now });
    expect(refused).toMatchObject({ ok: false, code: "not_from_state" });
    expect(workflowReducer(definition(), null, { type: "transition", key: "submit", roleKeys: ["staff"], now })).toMatchObject({ ok: false });
  });
});
