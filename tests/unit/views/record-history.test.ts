import { describe, expect, it } from "vitest";
import type { RecordEventRow } from "@/data/records";
import { describeEvent, type DescribeContext } from "@/views/show/describeEvent";
import { template } from "./templates";

const elderly = template("elderly_benefit");
const grid = template("grid_event");

const context: DescribeContext = {
  language: "zh",
  orgUnitName: (id) => ({ "grid-1": "第一网格", "community-1": "牯牛坪社区" })[id],
  userName: () => undefined,
  systemLabel: (column) => (column === "org_unit_id" ? "所属单位" : column),
};

function event(overrides: Partial<RecordEventRow>): RecordEventRow {
  return {
    id: 1,
    record_id: "r1",
    kind: "transition",
    from_status: null,
    to_status: null,
    transition_key: null,
    comment: null,
    diff: null,
    checklist: null,
    actor: "u1",
    created_at: "2026-11-26T08:00:00Z",
    ...overrides,
  };
}

describe("describeEvent", () => {
  it("names a transition by its label, with the state change and the checklist results", () => {
    const d = describeEvent(
      elderly,
      event({
        from_status: "accepted",
        to_status: "verified",
        transition_key: "verify_originals",
        comment: "原件齐全",
        checklist: [{ key: "id_card", label: "id card", checked: true }],
      }),
      context,
    );
    expect(d).toMatchObject({ kind: "transition", action: "核验原件", fromStatus: "accepted", toStatus: "verified", comment: "原件齐全" });
    // the definition's wording wins over what was stored, in the reader's language
    expect(d.checklist).toEqual([{ key: "id_card", label: "身份证原件已核对并当场退还", checked: true }]);
  });

  it("shows field changes by label, choice labels instead of codes, and masks sensitive answers", () => {
    const d = describeEvent(
      elderly,
      event({ kind: "updated", diff: { benefit_type: ["card", "allowance"], applicant_phone: ["13912345678", "13987654321"], remarks: [null, "补充"] } }),
      context,
    );
    expect(d.changes).toEqual([
      { key: "benefit_type", label: "申请事项", before: "老年人优待证（60 周岁以上）", after: "高龄津贴（80 周岁以上）" },
      { key: "applicant_phone", label: "联系电话", before: "139****5678", after: "139****4321" },
      { key: "remarks", label: "备注", before: null, after: "补充" },
    ]);
  });

  it("reports an escalation as a change of unit, by name", () => {
    const d = describeEvent(
      grid,
      event({
        from_status: "grid_handling",
        to_status: "community_handling",
        transition_key: "escalate_to_community",
        diff: { org_unit_id: ["grid-1", "community-1"] },
      }),
      context,
    );
    expect(d.action).toBe("上报社区");
    expect(d.changes).toEqual([{ key: "org_unit_id", label: "所属单位", before: "第一网格", after: "牯牛坪社区" }]);
  });

  it("keeps a transition of an older version by its key rather than failing", () => {
    expect(describeEvent(grid, event({ transition_key: "retired_action" }), context).action).toBe("retired_action");
  });
});
