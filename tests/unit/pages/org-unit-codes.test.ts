// The official-code rules the 组织架构 forms check while typing (contract/orgUnitCodes, the twin
// of private.org_unit_code_issue, which tests/db/org-unit-admin exercises through the RPCs), the
// next free code the forms suggest, and which edits the page offers to whom.
import { describe, expect, it } from "vitest";
import { nextFreeOrgUnitCode, orgUnitCodeIssue } from "@/contract";
import type { OrgUnit } from "@/lib/domain/orgUnits";
import { addableChildLevel, mayEditUnit, moveTargets, orgUnitNameProblem } from "@/pages/org-units/orgUnitEditRights";
import { indexOrgUnits } from "@/pages/org-units/orgUnitIndex";

const taken = new Set(["433101", "433101009", "433101009001", "433101009001001", "433101009001002", "433101009002", "433101008200"]);

describe("orgUnitCodeIssue", () => {
  it.each([
    ["433101009001003", "grid", "433101009001", null],
    ["433101009007", "community", "433101009", null],
    ["433101010", "street", "433101", null],
    ["433199", "county", "433100", null],
    ["43310100900100", "grid", "433101009001", "org_unit_code_format"],
    ["4331010090010031", "grid", "433101009001", "org_unit_code_format"],
    ["43310100900100x", "grid", "433101009001", "org_unit_code_format"],
    ["433101009001 03", "grid", "433101009001", "org_unit_code_format"],
    ["", "grid", "433101009001", "org_unit_code_format"],
    ["433101009002003", "grid", "433101009001", "org_unit_code_prefix"],
    ["433102009007", "community", "433101009", "org_unit_code_prefix"],
    ["433201", "county", "433100", "org_unit_code_prefix"],
    ["433101009001000", "grid", "433101009001", "org_unit_code_sequence"],
    ["433101000", "street", "433101", "org_unit_code_sequence"],
    ["433101009001001", "grid", "433101009001", "org_unit_code_taken"],
  ] as const)("%s as a %s under %s → %s", (code, level, parent, issue) => {
    expect(orgUnitCodeIssue(code, level, parent, taken)?.issue ?? null).toBe(issue);
  });

  it("gives the numbers its message needs", () => {
    expect(orgUnitCodeIssue("123", "grid", "433101009001")).toEqual({ issue: "org_unit_code_format", params: { length: 15 } });
    expect(orgUnitCodeIssue("433101009002003", "grid", "433101009001")).toEqual({ issue: "org_unit_code_prefix", params: { parentCode: "433101009001" } });
    expect(orgUnitCodeIssue("433101009001001", "grid", "433101009001")).toBeNull(); // uniqueness only against the codes handed in
  });
});

describe("nextFreeOrgUnitCode", () => {
  it("continues the parent's sequence, villages (200+) included, and starts at 001 under an empty parent", () => {
    expect(nextFreeOrgUnitCode("grid", "433101009001", taken)).toBe("433101009001003");
    expect(nextFreeOrgUnitCode("community", "433101008", taken)).toBe("433101008201");
    expect(nextFreeOrgUnitCode("grid", "433101009002", taken)).toBe("433101009002001");
    expect(nextFreeOrgUnitCode("community", "433101009", taken)).toBe("433101009003");
  });

  it("fills the first gap once 999 is used, and gives up when all are", () => {
    const codes = new Set(["433101009001001", "433101009001999"]);
    expect(nextFreeOrgUnitCode("grid", "433101009001", codes)).toBe("433101009001002");
    const full = new Set(Array.from({ length: 999 }, (_, i) => `433101009001${String(i + 1).padStart(3, "0")}`));
    expect(nextFreeOrgUnitCode("grid", "433101009001", full)).toBeNull();
  });

  it("always suggests a code its own check accepts", () => {
    for (const [level, parent] of [
      ["grid", "433101009001"],
      ["community", "433101009"],
      ["street", "433101"],
    ] as const)
      expect(orgUnitCodeIssue(nextFreeOrgUnitCode(level, parent, taken)!, level, parent, taken)).toBeNull();
  });
});

describe("which edits the 组织架构 page offers", () => {
  const unit = (id: string, parent: OrgUnit | null, level: OrgUnit["level"], code: string, name = id): OrgUnit => ({
    id,
    parent_id: parent?.id ?? null,
    code,
    name,
    level,
    path: parent ? `${parent.path}.${id}` : id,
    depth: parent ? parent.depth + 1 : 0,
    sort_order: 0,
  });
  const prefecture = unit("p", null, "prefecture", "433100");
  const county = unit("c", prefecture, "county", "433101");
  const street = unit("s", county, "street", "433101009");
  const otherStreet = unit("s2", county, "street", "433101007");
  const community = unit("m", street, "community", "433101009001");
  const beside = unit("m2", street, "community", "433101009002");
  const far = unit("m3", otherStreet, "community", "433101007001");
  const grid = unit("g", community, "grid", "433101009001001", "第一网格");
  const index = indexOrgUnits([prefecture, county, street, otherStreet, community, beside, far, grid]);
  const communityAdmin = { adminUnitIds: ["m"], systemAdmin: false };
  const countyAdmin = { adminUnitIds: ["c"], systemAdmin: false };
  const systemAdmin = { adminUnitIds: ["p"], systemAdmin: true };
  const nobody = { adminUnitIds: [], systemAdmin: false };

  it("a community administrator adds grids to their community and edits its grids, not the community itself", () => {
    expect(addableChildLevel(community, communityAdmin)).toBe("grid");
    expect(mayEditUnit(grid, index, communityAdmin)).toBe(true);
    expect(mayEditUnit(community, index, communityAdmin)).toBe(false);
    expect(addableChildLevel(beside, communityAdmin)).toBeUndefined();
    expect(moveTargets(grid, index, communityAdmin)).toEqual([]);
  });

  it("a county administrator moves communities between their streets; only a system administrator adds streets", () => {
    expect(moveTargets(community, index, countyAdmin).map((u) => u.id)).toEqual(["s2"]);
    expect(moveTargets(grid, index, countyAdmin).map((u) => u.id)).toEqual(["m3", "m2"]);
    expect(addableChildLevel(county, countyAdmin)).toBeUndefined();
    expect(addableChildLevel(county, systemAdmin)).toBe("street");
    expect(mayEditUnit(street, index, countyAdmin)).toBe(false);
    expect(mayEditUnit(street, index, systemAdmin)).toBe(true);
    expect(mayEditUnit(county, index, systemAdmin)).toBe(false);
  });

  it("offers nothing to someone who administers nothing", () => {
    expect(addableChildLevel(community, nobody)).toBeUndefined();
    expect(mayEditUnit(grid, index, nobody)).toBe(false);
  });

  it("checks a name as the database does: trimmed, 1–60 characters, no sibling's", () => {
    expect(orgUnitNameProblem("  ", "m", index)).toBe("org_unit_edit.nameRequired");
    expect(orgUnitNameProblem("网".repeat(61), "m", index)).toBe("org_unit_edit.nameTooLong");
    expect(orgUnitNameProblem(" 第一网格 ", "m", index)).toBe("org_unit_edit.nameTaken");
    expect(orgUnitNameProblem("第一网格", "m", index, "g")).toBeNull();
    expect(orgUnitNameProblem("第一网格", "m2", index)).toBeNull();
  });
});
