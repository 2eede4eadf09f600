// The designer's 试运行: a sample record through a draft workflow, guards by the engine's
// condition code, due dates by the database's rule (private.record_due_at / add_workdays).
import { describe, expect, it } from "vitest";
import { addWorkdays, dryRunOffers, durationText, startDryRun, stateLimit, takeTransition, type WorkCalendar } from "@/pages/designer/workflow/dryRun";
import type { DraftField, DraftWorkflow } from "@/pages/designer/workflow/workflowTypes";

const fields: DraftField[] = [
  {
    key: "urgency",
    label: "紧急程度",
    type: "select",
    options: [
      { value: "red", label: "红色" },
      { value: "blue", label: "蓝色" },
    ],
  },
  { key: "age", label: "年龄", type: "number" },
  { key: "local", label: "本地户籍", type: "boolean" },
];

const workflow: DraftWorkflow = {
  initial: "reported",
  states: [
    { key: "reported", label: "已上报", color: "blue", timeLimit: { byField: "urgency", values: { red: { hours: 2 } }, default: { hours: 72 } } },
    { key: "review", label: "审核中", color: "processing", timeLimit: { workdays: 5 } },
    { key: "old", label: "旧版时限", color: "gold", slaHours: 24 },
    { key: "done", label: "已办结", color: "success", terminal: true, timeLimit: { hours: 1 } },
  ],
  transitions: [
    { key: "accept", label: "受理", from: ["reported"], to: "review", roles: ["staff"], requireComment: true },
    {
      key: "approve",
      label: "高龄审批",
      from: ["review"],
      to: "done",
      roles: ["community_admin"],
      when: {
        all: [
          { field: "age", op: "gte", value: 80 },
          { field: "local", op: "eq", value: true },
        ],
      },
    },
    { key: "park", label: "暂缓", from: ["review"], to: "old", roles: ["staff"] },
  ],
};

const noHolidays: WorkCalendar = new Map();

describe("stateLimit (as private.record_due_at)", () => {
  it("chooses by the answer, falls back to the default, reads slaHours, and gives none for a terminal state", () => {
    const [reported, review, old, done] = workflow.states;
    expect(stateLimit(reported, { urgency: "red" })).toEqual({ hours: 2 });
    expect(stateLimit(reported, { urgency: "blue" })).toEqual({ hours: 72 });
    expect(stateLimit(reported, {})).toEqual({ hours: 72 });
    expect(stateLimit(review, {})).toEqual({ workdays: 5 });
    expect(stateLimit(old, {})).toEqual({ hours: 24 });
    expect(stateLimit(done, {})).toBeNull();
    expect(stateLimit({ key: "x", label: "x", color: "blue", timeLimit: { byField: "local", values: { true: { hours: 5 } } } }, { local: true })).toEqual({
      hours: 5,
    });
    expect(stateLimit({ key: "x", label: "x", color: "blue", timeLimit: { byField: "local", values: { true: { hours: 5 } } } }, { local: false })).toBeNull();
  });
});

describe("addWorkdays (as private.add_workdays)", () => {
  it("skips weekends and holidays, counts 调休 working days, and ends at 23:59:59 Beijing time", () => {
    // Monday 2026-11-30 10:00 Beijing: 5 working days → Monday 7 December, end of day
    const from = new Date("2026-11-30T02:00:00Z");
    expect(addWorkdays(from, 5, noHolidays).toISOString()).toBe("2026-12-07T15:59:59.000Z");
    // late in the evening UTC is already the next day in China: Tuesday 1 December counts from there
    expect(addWorkdays(new Date("2026-11-30T17:00:00Z"), 1, noHolidays).toISOString()).toBe("2026-12-02T15:59:59.000Z");
    // National Day 2026 as in the engine-deadlines test: accepted 29 September, 5 工作日 → 12 October (Saturday 10 October worked)
    const calendar: WorkCalendar = new Map([
      ...["2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07"].map((day): [string, "holiday"] => [day, "holiday"]),
      ["2026-10-10", "workday"],
    ]);
    expect(addWorkdays(new Date("2026-09-29T02:00:00Z"), 5, calendar).toISOString()).toBe("2026-10-12T15:59:59.000Z");
  });
});

describe("dry run", () => {
  it("starts at the initial state with its limit, offers the transitions leaving it, and moves", () => {
    const now = new Date("2026-11-30T02:00:00Z");
    const start = startDryRun(workflow, { urgency: "red" }, now, noHolidays);
    expect(start).toMatchObject({ state: "reported", limit: { hours: 2 } });
    expect(start.dueAt?.toISOString()).toBe("2026-11-30T04:00:00.000Z");
    const offers = dryRunOffers(workflow, fields, "reported", {}, "2026-11-30");
    expect(offers.map((o) => [o.transition.key, o.roleAllowed, o.blocked])).toEqual([["accept", true, null]]);
    const next = takeTransition(workflow, [start], "accept", {}, now, noHolidays)!;
    expect(next).toMatchObject({ state: "review", via: "accept", limit: { workdays: 5 } });
    expect(next.dueAt?.toISOString()).toBe("2026-12-07T15:59:59.000Z");
    expect(takeTransition(workflow, [start, next], "accept", {}, now, noHolidays)).toBeNull();
    const done = takeTransition(workflow, [start, next], "approve", {}, now, noHolidays)!;
    expect(done).toMatchObject({ state: "done", limit: null, dueAt: null });
  });

  it("evaluates guards with the engine's condition code and says why one refuses", () => {
    const refused = dryRunOffers(workflow, fields, "review", { age: 79, local: true }, "2026-11-30");
    const approve = refused.find((o) => o.transition.key === "approve")!;
    expect(approve.blocked?.zh).toBe("需满足：「年龄」 ≥ 80，且「本地户籍」为是");
    expect(approve.blocked?.en).toBe('Requires: "年龄" ≥ 80, and "本地户籍" is yes');
    const allowed = dryRunOffers(workflow, fields, "review", { age: 80, local: true }, "2026-11-30");
    expect(allowed.find((o) => o.transition.key === "approve")!.blocked).toBeNull();
  });

  it("marks transitions the chosen role may not take", () => {
    const asStaff = dryRunOffers(workflow, fields, "review", { age: 90, local: true }, "2026-11-30", "staff");
    expect(asStaff.map((o) => [o.transition.key, o.roleAllowed])).toEqual([
      ["approve", false],
      ["park", true],
    ]);
  });

  it("does not break on a half-built guard: it simply does not hold", () => {
    const draft: DraftWorkflow = {
      ...workflow,
      transitions: [{ key: "odd", label: "怪", from: ["reported"], to: "done", roles: ["staff"], when: { all: [{ field: "age", op: "gt" }] } }],
    };
    const [offer] = dryRunOffers(draft, fields, "reported", { age: 3 }, "2026-11-30");
    expect(offer.blocked).not.toBeNull();
  });

  it("words durations in both languages", () => {
    expect(durationText({ hours: 24 })).toEqual({ zh: "24 小时", en: "24 h" });
    expect(durationText({ workdays: 1 })).toEqual({ zh: "1 个工作日", en: "1 working day" });
    expect(durationText({ workdays: 15 })).toEqual({ zh: "15 个工作日", en: "15 working days" });
  });
});
