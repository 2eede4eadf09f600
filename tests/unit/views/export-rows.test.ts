import { describe, expect, it } from "vitest";
import type { RecordRow } from "@/data/records";
import { exportFileName, exportTable, type ExportContext } from "@/views/list/exportRows";
import { template } from "./templates";

const elderly = template("elderly_benefit");

function record(data: Record<string, unknown>, overrides: Partial<RecordRow> = {}): RecordRow {
  return {
    id: "r1",
    service_id: "s1",
    service_version: 1,
    org_unit_id: "unit-1",
    status: "verified",
    assignee: null,
    due_at: null,
    data,
    row_version: 3,
    created_at: "2026-11-20T02:30:00Z",
    created_by: "u1",
    updated_at: "2026-11-21T02:30:00Z",
    ...overrides,
  };
}

const context = (language: "zh" | "en"): ExportContext => ({
  language,
  columnLabel: (name) => elderly.fields.find((f) => f.key === name)?.[language === "en" ? "label_en" : "label"] ?? `sys:${name}`,
  orgUnitName: (id) => ({ "grid-1": "第一网格", "unit-1": "牯牛坪社区" })[id],
  userName: () => undefined,
});

describe("exportTable", () => {
  const row = record({
    applicant_name: "吴秀兰",
    applicant_id_number: "433101195503150012",
    age: 71,
    benefit_type: "card",
    grid: "grid-1",
  });

  it("writes the list columns with labels, choice and state labels, unit names, and masks sensitive answers only", () => {
    const table = exportTable(elderly, [row], context("zh"));
    expect(table.headers).toEqual(["申请人姓名", "申请人身份证号", "年龄（周岁）", "申请事项", "所属网格", "sys:status", "sys:due_at", "sys:created_at"]);
    expect(table.rows[0].slice(0, 6)).toEqual(["吴秀兰", "433**************2", 71, "老年人优待证（60 周岁以上）", "第一网格", "原件已核验·待社区初审"]);
    expect(table.rows[0][6]).toBeNull();
    expect(table.rows[0][7]).toMatch(/^2026-11-20 \d\d:30$/);
  });

  it("uses the English labels when the app is in English", () => {
    const table = exportTable(elderly, [row], context("en"));
    expect(table.headers[0]).toBe("Applicant name");
    expect(table.rows[0][3]).toBe("Senior card (60+)");
    expect(table.rows[0][5]).toBe("Originals checked");
  });

  it("writes the record's unit with its ancestors when the exporter's label is given, else its name", () => {
    const withUnit = { ...elderly, list: { ...elderly.list, columns: ["org_unit_id"] } };
    const labelled = { ...context("zh"), orgUnitLabel: (id: string) => (id === "unit-1" ? "吉凤街道 / 牯牛坪社区" : undefined) };
    expect(exportTable(withUnit, [row], labelled).rows[0]).toEqual(["吉凤街道 / 牯牛坪社区"]);
    expect(exportTable(withUnit, [row], context("zh")).rows[0]).toEqual(["牯牛坪社区"]);
  });

  it('leaves empty answers empty rather than writing "undefined"', () => {
    expect(exportTable(elderly, [record({})], context("zh")).rows[0].slice(0, 5)).toEqual([null, null, null, null, null]);
  });
});

describe("exportFileName", () => {
  it("is <service name>-<date>.xlsx with characters file systems refuse replaced", () => {
    expect(exportFileName("老年优待证/高龄津贴", new Date(2026, 10, 26, 9))).toBe("老年优待证_高龄津贴-2026-11-26.xlsx");
  });
});
