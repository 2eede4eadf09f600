import { describe, expect, it } from "vitest";
import { fieldTypes } from "@/field-types";
import { ancestorsOf, escalationChoices, escalationRoute, resolveEscalation, type UnitNode } from "@/services/escalation";
import { parseServiceDefinition, type ServiceDefinition } from "@/services/schema";
import { initialAnswers } from "@/services/initialAnswers";
import { initialTransitionValues } from "@/views/show/transitionForm";
import { editableFields, intakeFields, transitionFields, unreachedStageFields } from "@/services/stages";
import { checkTransition, transitionOffers } from "@/services/workflow";
import { routingDefinition } from "../../support/routing-definition";

function definition(json: unknown = routingDefinition()): ServiceDefinition {
  const result = parseServiceDefinition(json, fieldTypes);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.definition;
}

function errorsOf(mutate: (json: ReturnType<typeof routingDefinition>) => void) {
  const json = routingDefinition();
  mutate(json);
  const result = parseServiceDefinition(json, fieldTypes);
  return result.ok ? [] : result.errors.map((e) => `${e.path} ${e.code}`);
}

const today = "2026-11-30";

describe("guarded transitions", () => {
  it("offers a guarded action disabled, with the guard in words, while the guard fails", () => {
    const offers = transitionOffers(definition(), "open", ["staff"], { kind: "card", age: 77 }, today);
    const allowance = offers.find((o) => o.transition.key === "start_allowance");
    expect(allowance?.blocked).toMatchObject({
      code: "transition_guard_failed",
      message_zh: "不满足办理条件：「申请事项」为「高龄津贴」，且「年龄」 ≥ 80",
      message_en: 'Not available: requires "Request" is "Allowance", and "Age" ≥ 80',
    });
    expect(offers.find((o) => o.transition.key === "to_street")?.blocked).toBeNull();
  });

  it("unblocks it when the guard holds, and checkTransition agrees both ways", () => {
    const def = definition();
    const holds = { title: "x", kind: "allowance", age: 80 };
    expect(transitionOffers(def, "open", ["staff"], holds, today).find((o) => o.transition.key === "start_allowance")?.blocked).toBeNull();
    expect(checkTransition(def, "open", "start_allowance", ["staff"], { fields: holds, today }).ok).toBe(true);
    const refused = checkTransition(def, "open", "start_allowance", ["staff"], { fields: { ...holds, age: 79 }, today });
    expect(refused).toMatchObject({ ok: false, code: "transition_guard_failed" });
  });

  it("reads the guard from the stored answers, not from what the dialog is filling", () => {
    const check = checkTransition(definition(), "open", "start_allowance", ["staff"], {
      recordData: { kind: "card", age: 90 },
      fields: { kind: "allowance", age: 90 },
      today,
    });
    expect(check).toMatchObject({ ok: false, code: "transition_guard_failed" });
  });

  it("asks for a chosen unit before an escalation to a chosen unit", () => {
    const def = definition();
    expect(checkTransition(def, "open", "whistle", ["staff"], { fields: {}, today })).toMatchObject({ ok: false, code: "escalation_target_required" });
    expect(checkTransition(def, "open", "whistle", ["staff"], { fields: {}, today, targetUnit: "street" }).ok).toBe(true);
  });
});

// prefecture ─ county ─ street ─ community ─ grid, plus a second community under the street
const tree: UnitNode[] = [
  { id: "pref", parent_id: null, level: "prefecture", code: "433100" },
  { id: "county", parent_id: "pref", level: "county", code: "433101" },
  { id: "street", parent_id: "county", level: "street", code: "433101009" },
  { id: "community", parent_id: "street", level: "community", code: "433101009001" },
  { id: "grid", parent_id: "community", level: "grid", code: "433101009001001" },
  { id: "wanxi", parent_id: "street", level: "community", code: "433101009002" },
];

describe("escalation targets", () => {
  it("keeps escalate: true meaning the parent", () => {
    expect(escalationRoute(true)).toEqual({ to: "parent" });
    expect(escalationRoute(false)).toBeNull();
    expect(resolveEscalation({ to: "parent" }, "grid", tree)).toMatchObject({ ok: true, unit: { id: "community" } });
  });

  it("sends a record back to the unit it was filed at", () => {
    expect(resolveEscalation({ to: "origin" }, "street", tree, null, "grid")).toMatchObject({ ok: true, unit: { id: "grid" } });
    expect(resolveEscalation({ to: "origin" }, "street", tree, null, "gone")).toEqual({ ok: false, code: "escalation_target_missing" });
  });

  it("sends a grid's record to its nearest street in one step", () => {
    expect(ancestorsOf("grid", new Map(tree.map((u) => [u.id, u]))).map((u) => u.id)).toEqual(["community", "street", "county", "pref"]);
    expect(resolveEscalation({ to: "level", level: "street" }, "grid", tree)).toMatchObject({ ok: true, unit: { id: "street" } });
    expect(resolveEscalation({ to: "level", level: "grid" }, "community", tree)).toEqual({ ok: false, code: "escalation_target_missing" });
    expect(resolveEscalation({ to: "parent" }, "pref", tree)).toEqual({ ok: false, code: "escalation_target_missing" });
  });

  it("offers ancestors of the listed levels and the named units, and accepts only those", () => {
    const route = { to: "choose" as const, levels: ["street" as const, "county" as const], units: ["433101009002"] };
    expect(escalationChoices(route, "grid", tree).map((u) => u.id)).toEqual(["street", "county", "wanxi"]);
    expect(resolveEscalation(route, "grid", tree, "county")).toMatchObject({ ok: true, unit: { id: "county" } });
    expect(resolveEscalation(route, "grid", tree, "wanxi")).toMatchObject({ ok: true, unit: { id: "wanxi" } });
    expect(resolveEscalation(route, "grid", tree, "pref")).toEqual({ ok: false, code: "escalation_target_not_allowed" });
    expect(resolveEscalation(route, "grid", tree, "community")).toEqual({ ok: false, code: "escalation_target_not_allowed" });
    expect(resolveEscalation(route, "grid", tree, null)).toEqual({ ok: false, code: "escalation_target_required" });
  });
});

describe("staged fields", () => {
  it("shows intake fields on the create form and a transition's own fields in its dialog, not those it sets itself", () => {
    const def = definition();
    expect(intakeFields(def.fields).map((f) => f.key)).toEqual(["title", "kind", "age"]);
    const resolve = def.workflow.transitions.find((t) => t.key === "resolve")!;
    // handler (the acting user) and closed_on (now) are resolve's `set`: the database writes them
    expect(transitionFields(def, resolve).map((f) => f.key)).toEqual(["result"]);
    const toStreet = def.workflow.transitions.find((t) => t.key === "to_street")!;
    expect(transitionFields(def, toStreet).map((f) => f.key)).toEqual([]);
  });

  it("starts a staged field from its default in its dialog, never at intake", () => {
    const def = definition();
    const context = { userId: "u-grid", now: new Date("2026-11-30T09:00:00+08:00") };
    expect(initialAnswers(def.fields, context)).toEqual({});
    const verify = def.workflow.transitions.find((t) => t.key === "verify_on_site")!;
    expect(initialTransitionValues(def, verify, { title: "x" }, context).data).toEqual({ checked_by: "u-grid" });
    expect(initialTransitionValues(def, verify, { title: "x", checked_by: "u-other" }, context).data).toEqual({ checked_by: "u-other" });
  });

  it("shows answered staged fields on the edit form, and flags answers before their stage", () => {
    const def = definition();
    expect(editableFields(def.fields, { title: "x", result: "" }).map((f) => f.key)).toEqual(["title", "kind", "age"]);
    expect(editableFields(def.fields, { title: "x", result: "已清理" }).map((f) => f.key)).toEqual(["title", "kind", "age", "result"]);
    expect(unreachedStageFields(def.fields, { title: "x", result: "已清理", level: "l3_street" }, [])).toEqual(["level", "result"]);
    expect(unreachedStageFields(def.fields, { title: "x", result: "已清理", level: "l3_street" }, ["whistle"])).toEqual(["result"]);
  });
});

describe("definition check", () => {
  it("accepts the routing definition", () => {
    expect(errorsOf(() => {})).toEqual([]);
  });

  it("refuses what would break: unknown guard fields, sensitive guards, stray stages, required staged fields", () => {
    expect(
      errorsOf((json) => {
        json.workflow.transitions[0].when = {
          all: [
            { field: "nope", op: "eq", value: 1 },
            { field: "age", op: "gte", value: 80 },
          ],
        };
      }),
    ).toEqual(["workflow.transitions[0].when unknown_field_ref"]);
    expect(
      errorsOf((json) => {
        Object.assign(json.fields[2], { sensitive: true, purpose: "核对年龄" });
      }),
    ).toEqual(["workflow.transitions[0].when sensitive_controls_field"]);
    expect(
      errorsOf((json) => {
        json.fields[4].stage = ["teleport"];
        Object.assign(json.fields[5], { required: true });
      }),
    ).toEqual(["fields[4].stage[0] unknown_transition_ref", "fields[5].required staged_field_required"]);
  });

  it("refuses a required field of another stage, a value from nowhere and a bad route", () => {
    expect(
      errorsOf((json) => {
        Object.assign(json.workflow.transitions[1], { requireFields: ["result"] });
      }),
    ).toEqual(["workflow.transitions[1].requireFields[0] require_field_stage"]);
    expect(
      errorsOf((json) => {
        json.workflow.transitions[4].set = [{ field: "level", from: "target_level" }];
      }),
    ).toEqual(["workflow.transitions[4].set[0].from target_level_without_escalation"]);
    expect(
      errorsOf((json) => {
        Object.assign(json.workflow.transitions[3], { escalate: { to: "choose" } });
      }),
    ).toEqual(["workflow.transitions[3].escalate escalation_choice_empty"]);
    expect(
      errorsOf((json) => {
        Object.assign(json.workflow.transitions[1], { escalate: { to: "level", level: "department" } });
      }).length,
    ).toBeGreaterThan(0);
  });
});

describe("workflow warnings", () => {
  it("warns, without refusing, about a state nothing reaches and a non-terminal state nothing leaves", () => {
    const json = routingDefinition();
    json.workflow.states.push({ key: "limbo", label: "无人可达", color: "default" });
    const result = parseServiceDefinition(json, fieldTypes);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings?.filter((w) => w.code !== "english_missing").map((w) => `${w.path} ${w.code}`)).toEqual([
      "workflow.states[7] state_unreachable",
      "workflow.states[7] state_dead_end",
    ]);
    expect(definition().workflow.states).toHaveLength(7);
    expect(parseServiceDefinition(routingDefinition(), fieldTypes)).toMatchObject({ ok: true });
  });
});
