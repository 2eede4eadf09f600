// The designer's 申请人规则 pickers (issue 12, items 5 and 6): an eligibility rule's require is edited
// as all / any of person leaves; anything more (answer leaves, nesting) is left as written; a tag
// operator switch keeps the tags chosen.
import { describe, expect, it } from "vitest";
import { personCondition, personGroup, withTagOperator } from "@/pages/designer/applicant/applicantRequire";

const age = { resident: "age", op: "gte", value: 60 } as const;
const veteran = { resident: "tags", op: "eq", value: "veteran" } as const;

describe("personGroup / personCondition", () => {
  it("reads one leaf, all and any of person leaves, and writes them back the same", () => {
    for (const require of [age, { all: [age, veteran] }, { any: [age, veteran] }]) expect(personCondition(personGroup(require)!)).toEqual(require);
    expect(personGroup(age)).toEqual({ mode: "all", leaves: [age] });
  });

  it("leaves a require with answer leaves or nesting to be shown as written", () => {
    expect(personGroup({ all: [age, { field: "kind", op: "eq", value: "a" }] })).toBeNull();
    expect(personGroup({ not: age })).toBeNull();
    expect(personGroup({ any: [{ all: [age] }] })).toBeNull();
  });

  it("no leaf left means no require", () => {
    expect(personCondition({ mode: "any", leaves: [] })).toBeUndefined();
  });
});

describe("withTagOperator", () => {
  it("turns one tag into a list for in / nin and back", () => {
    expect(withTagOperator(veteran, "in")).toEqual({ resident: "tags", op: "in", value: ["veteran"] });
    expect(withTagOperator({ resident: "tags", op: "nin", value: ["dibao", "tekun"] }, "neq")).toEqual({ resident: "tags", op: "neq", value: "dibao" });
  });
});
