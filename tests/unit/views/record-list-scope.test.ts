// The list's scope parameters (links from the cockpit): unit subtree, overdue, state and 受理
// dates become the PostgREST filters with the cockpit's 口径 (terminal states of the current
// version, Beijing days); malformed values narrow nothing.
import { describe, expect, it } from "vitest";
import { roundedEstimate } from "@/data/exactCountLimit";
import { selectFor } from "@/views/list/recordListQuery";
import { readRecordListScope, recordListScopeFilters, recordListScopeSearch, splitSubtreeFilter } from "@/views/list/recordListScope";
import { template } from "./templates";

const grid = template("grid_event");
const unit = "6a1e0000-0000-4000-8000-0000000000aa";
const now = new Date("2026-11-30T10:00:00Z");
const terminal = grid.workflow.states.filter((s) => s.terminal).map((s) => s.key);
const notIn = `(${terminal.map((k) => `"${k}"`).join(",")})`;

describe("record list scope", () => {
  it("reads the URL and writes it back in one order", () => {
    const scope = readRecordListScope(new URLSearchParams(`to=2026-11-30&overdue=1&unit=${unit}&from=2026-11-01`));
    expect(scope).toEqual({ unit, overdue: true, state: undefined, from: "2026-11-01", to: "2026-11-30" });
    expect(recordListScopeSearch(scope)).toBe(`?unit=${unit}&overdue=1&from=2026-11-01&to=2026-11-30`);
    expect(recordListScopeSearch({ overdue: false })).toBe("");
  });

  it("drops what is malformed", () => {
    expect(readRecordListScope(new URLSearchParams("unit=433101&overdue=yes&state=late&from=30/11/2026"))).toEqual({
      unit: undefined,
      overdue: false,
      state: undefined,
      from: undefined,
      to: undefined,
    });
  });

  it("filters the subtree by path prefix (with the unit embed), overdue as open and past due, days in Beijing time", () => {
    expect(terminal.length).toBeGreaterThan(0);
    const filters = recordListScopeFilters({ unit, overdue: true, from: "2026-11-01", to: "2026-11-30" }, grid, `root.${unit}`, now);
    expect(filters).toEqual([
      { field: "org_units.path", operator: "startswith", value: `root.${unit}` },
      { field: "status", operator: "nin", value: notIn },
      { field: "due_at", operator: "lt", value: now.toISOString() },
      { field: "created_at", operator: "gte", value: "2026-11-01T00:00:00+08:00" },
      { field: "created_at", operator: "lt", value: "2026-12-01T00:00:00+08:00" },
    ]);
    expect(selectFor("id", filters)).toBe("id,org_units!inner(path)");
  });

  it("opens the in-progress and the completed records by the current version's terminal states", () => {
    expect(recordListScopeFilters({ overdue: false, state: "open" }, grid, null, now)).toEqual([{ field: "status", operator: "nin", value: notIn }]);
    expect(recordListScopeFilters({ overdue: false, state: "done" }, grid, null, now)).toEqual([{ field: "status", operator: "in", value: terminal }]);
  });

  it("splits off the subtree for the count estimate: the unit is the path's last id, the other filters stay with their embed-free select", () => {
    const filters = recordListScopeFilters({ unit, overdue: true }, grid, `root.${unit}`, now);
    const { unitId, others } = splitSubtreeFilter([{ field: "service_id", operator: "eq", value: "s1" }, ...filters]);
    expect(unitId).toBe(unit);
    expect(others).toEqual([{ field: "service_id", operator: "eq", value: "s1" }, ...filters.slice(1)]);
    expect(selectFor("id", others)).toBe("id");
    expect(splitSubtreeFilter(recordListScopeFilters({ overdue: true }, grid, null, now)).unitId).toBeUndefined();
  });
});

describe("roundedEstimate", () => {
  it("keeps three significant digits, so 约 N does not look exact", () => {
    expect(roundedEstimate(399_806)).toBe(400_000);
    expect(roundedEstimate(132_684)).toBe(133_000);
    expect(roundedEstimate(50_001)).toBe(50_000);
    expect(roundedEstimate(1_234_567)).toBe(1_230_000);
    expect(roundedEstimate(0)).toBe(0);
  });
});
