// Issue 12, items 5 and 6, browser side: eligibility[] and duplicates in the definition language
// (parsed and cross-checked like every part), the verdict a form gets for a known person
// (eligibilityIssues, the database's private.eligibility_issues), and the notice for what
// public.find_duplicate_records found (duplicateNotice).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fieldTypes } from "@/field-types";
import { applicantFacts, duplicateNotice, eligibilityIssues, parseServiceDefinition, type ServiceDefinition } from "@/services/schema";
import { minimalDefinition } from "../support/minimal-definition";

const template = (key: string): ServiceDefinition => {
  const parsed = parseServiceDefinition(JSON.parse(readFileSync(`resources/services/${key}.json`, "utf8")), fieldTypes);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => `${e.path}: ${e.message_en}`).join("\n"));
  return parsed.definition;
};

const errorsOf = (change: (d: ReturnType<typeof minimalDefinition>) => void) => {
  const json = minimalDefinition();
  change(json);
  const result = parseServiceDefinition(json, fieldTypes);
  return result.ok ? [] : result.errors.map(({ path, code }) => ({ path, code }));
};

const TODAY = "2026-11-30";

describe("applicantFacts", () => {
  it("counts full years on the filing date and keeps only the tags current that day", () => {
    const facts = applicantFacts(
      {
        birthDate: "1946-12-01",
        tags: [
          { tag_key: "veteran", valid_from: "2020-01-01", valid_to: null },
          { tag_key: "dibao", valid_from: "2020-01-01", valid_to: "2026-11-29" },
          { tag_key: "volunteer", valid_from: "2026-12-01", valid_to: null },
        ],
      },
      TODAY,
    );
    expect(facts).toEqual({ age: 79, tags: ["veteran"] });
    expect(applicantFacts({ birthDate: "1946-11-30" }, TODAY).age).toBe(80);
    expect(applicantFacts({}, TODAY)).toEqual({ age: null, tags: [] });
  });
});

describe("eligibility of the built-in templates", () => {
  const elderly = template("elderly_benefit");
  const veteran = template("veteran_card");

  it("高龄津贴 needs age 80 from the registry: refused at 79 with the rule's words, allowed at 80", () => {
    const refused = eligibilityIssues(elderly.eligibility, { benefit_type: "allowance" }, { age: 79, tags: [] }, TODAY);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ field: "benefit_type", code: "rule" });
    expect(refused[0].message_zh).toContain("高龄津贴须年满 80 周岁");
    expect(refused[0].message_en).toContain("requires age 80");
    expect(eligibilityIssues(elderly.eligibility, { benefit_type: "allowance" }, { age: 80, tags: [] }, TODAY)).toEqual([]);
    // the card asks 60 only
    expect(eligibilityIssues(elderly.eligibility, { benefit_type: "card" }, { age: 65, tags: [] }, TODAY)).toEqual([]);
    expect(eligibilityIssues(elderly.eligibility, { benefit_type: "card" }, { age: 59, tags: [] }, TODAY)).toHaveLength(1);
  });

  it("an unknown age leaves the verdict to the database", () => {
    expect(eligibilityIssues(elderly.eligibility, { benefit_type: "allowance" }, { age: null, tags: [] }, TODAY)).toEqual([]);
  });

  it("the veteran card needs the tag veteran, for veterans only (not for martyrs' families)", () => {
    const refused = eligibilityIssues(veteran.eligibility, { card_type: "veteran" }, { age: 60, tags: ["party_member"] }, TODAY);
    expect(refused.map((issue) => issue.message_zh)).toEqual([expect.stringContaining("退役军人")]);
    expect(eligibilityIssues(veteran.eligibility, { card_type: "veteran" }, { age: 60, tags: ["veteran"] }, TODAY)).toEqual([]);
    expect(eligibilityIssues(veteran.eligibility, { card_type: "martyr_family" }, { age: 60, tags: [] }, TODAY)).toEqual([]);
  });

  it("both templates refuse a second open application and warn when the person already holds it", () => {
    expect(elderly.duplicates).toEqual({ match: ["benefit_type"], open: "refuse", held: { states: ["issued"], action: "warn" } });
    expect(veteran.duplicates).toEqual({ match: ["card_type"], open: "refuse", held: { states: ["handed_out"], action: "warn" } });
  });
});

describe("the definition language", () => {
  it("accepts person leaves mixed with answer leaves", () => {
    const errors = errorsOf((d) => {
      d.eligibility = [
        {
          require: {
            any: [
              { resident: "tags", op: "in", value: ["veteran", "dibao"] },
              {
                all: [
                  { resident: "age", op: "gte", value: 60 },
                  { field: "kind", op: "eq", value: "a" },
                ],
              },
            ],
          },
          message: "不符合条件",
        },
      ];
      d.duplicates = { open: "warn" };
    });
    expect(errors).toEqual([]);
  });

  it("refuses a malformed person leaf where it is", () => {
    expect(errorsOf((d) => (d.eligibility = [{ require: { resident: "age", op: "in", value: 60 }, message: "x" }]))).toEqual([
      { path: "eligibility[0].require.op", code: "invalid_value" },
    ]);
    expect(errorsOf((d) => (d.eligibility = [{ require: { resident: "tags", op: "eq", value: 3 }, message: "x" }]))).toEqual([
      expect.objectContaining({ path: expect.stringMatching(/^eligibility\[0\]\.require/) }),
    ]);
    expect(errorsOf((d) => (d.eligibility = [{ require: { resident: "income", op: "eq", value: 1 }, message: "x" }]))).toEqual([
      { path: "eligibility[0].require.resident", code: "invalid_value" },
    ]);
  });

  it("refuses references to fields and states that are not there", () => {
    expect(
      errorsOf((d) => (d.eligibility = [{ when: { field: "nope", op: "eq", value: "a" }, require: { resident: "age", op: "gte", value: 60 }, message: "x" }])),
    ).toEqual([{ path: "eligibility[0]", code: "unknown_field_ref" }]);
    expect(errorsOf((d) => (d.duplicates = { match: ["nope"], open: "refuse" }))).toEqual([{ path: "duplicates.match[0]", code: "unknown_field_ref" }]);
    // held names a terminal state: "review" is not one
    expect(errorsOf((d) => (d.duplicates = { held: { states: ["review"], action: "warn" } }))).toEqual([
      { path: "duplicates.held.states[0]", code: "invalid_value" },
    ]);
    expect(errorsOf((d) => (d.duplicates = { open: "block" }))).toEqual([{ path: "duplicates.open", code: "invalid_value" }]);
  });
});

describe("duplicateNotice", () => {
  const record = (id: string, kind: "open" | "held", action: "warn" | "refuse") => ({
    id,
    kind,
    action,
    status: "submitted",
    created_at: "2026-11-01T00:00:00Z",
  });

  it("says nothing when nothing was found", () => {
    expect(duplicateNotice({ action: null, records: [], others: 0 })).toBeNull();
  });

  it("refuses an open application and links the record the user reads", () => {
    const notice = duplicateNotice({ action: "refuse", records: [record("r1", "open", "refuse")], others: 0 });
    expect(notice).toMatchObject({ action: "refuse", recordIds: ["r1"] });
    expect(notice!.message_zh).toBe("该居民已有未办结的同类申请，不能重复申请");
    expect(notice!.message_en).toContain("open application");
  });

  it("only counts records the user cannot read, and asks to confirm a warning", () => {
    const notice = duplicateNotice({ action: "warn", records: [], others: 2 });
    expect(notice).toMatchObject({ action: "warn", recordIds: [] });
    expect(notice!.message_zh).toBe("该居民已有同类记录（另有 2 件由其他人员办理，您无权查看），请确认是否仍要提交");
    const held = duplicateNotice({ action: "warn", records: [record("r2", "held", "warn")], others: 0 });
    expect(held!.message_zh).toContain("已持有");
  });
});
