import { describe, expect, it } from "vitest";
import type { ExportedRecord } from "@/data/exportRecords";
import { exactSearchValue } from "@/views/list/exactSearchValue";
import { allExportColumns, exportSheets } from "@/views/list/exportSheets";
import { mineField, selectFor, toRecordFilters } from "@/views/list/recordListQuery";
import { template } from "./templates";

const elderly = template("elderly_benefit");
const me = "11111111-1111-1111-1111-111111111111";

describe("我发起的 / 我经办的", () => {
  it("filters on the author for created, on every part the user took (filed, assigned, acted) for handled", () => {
    expect(toRecordFilters(elderly, [{ field: mineField, operator: "eq", value: "created" }], me)).toEqual([
      { field: "created_by", operator: "eq", value: me },
    ]);
    const handled = toRecordFilters(elderly, [{ field: mineField, operator: "eq", value: "handled" }], me);
    expect(handled).toEqual([
      { field: "record_participants.user_id", operator: "eq", value: me },
      { field: "record_participants.kind", operator: "in", value: ["creator", "assignee", "actor"] },
    ]);
    expect(selectFor("id", handled)).toBe("id,record_participants!inner(kind)");
    expect(selectFor("id", [])).toBe("id");
  });

  it("narrows nothing for an unknown view or before the user is known", () => {
    expect(toRecordFilters(elderly, [{ field: mineField, operator: "eq", value: "everything" }], me)).toEqual([]);
    expect(toRecordFilters(elderly, [{ field: mineField, operator: "eq", value: "created" }])).toEqual([]);
  });
});

describe("exactSearchValue", () => {
  it("recognises a full ID number or phone as typed at a counter, and nothing shorter", () => {
    expect(exactSearchValue("433101 19450315 002x")).toBe("43310119450315002X");
    expect(exactSearchValue("４３３１０１１９４５０３１５００２Ｘ")).toBe("43310119450315002X");
    expect(exactSearchValue("+86 139-0743-1234")).toBe("+8613907431234");
    expect(exactSearchValue("0743-8251234")).toBe("07438251234");
    expect(exactSearchValue("0015")).toBeNull();
    expect(exactSearchValue("彭秀英")).toBeNull();
    expect(exactSearchValue("4331011945031500")).toBeNull();
  });
});

describe("exportSheets", () => {
  const base = {
    service_id: "s1",
    service_version: 1,
    org_unit_id: "unit-1",
    status: "verified",
    assignee: null,
    due_at: null,
    row_version: 1,
    created_at: "2026-11-20T02:30:00Z",
    created_by: null,
    updated_at: "2026-11-20T02:30:00Z",
  };
  const context = { language: "zh" as const, columnLabel: (c: string) => c, orgUnitName: () => undefined, userName: () => undefined };

  it("keeps what the database unmasked and masks what it did not", () => {
    const records: ExportedRecord[] = [
      { ...base, id: "a", unmasked: true, data: { applicant_name: "彭秀英", applicant_id_number: "433101194503150020" } },
      { ...base, id: "b", unmasked: false, data: { applicant_name: "吴秀兰", applicant_id_number: "433101195503150012" } },
    ];
    const [sheet] = exportSheets(elderly, records, ["applicant_name", "applicant_id_number"], context, { serviceName: "老年优待证", subTablesApart: true });
    expect(sheet.table.headers).toEqual(["applicant_name", "applicant_id_number"]);
    expect(sheet.table.rows[0]).toEqual(["彭秀英", "433101194503150020"]);
    expect(sheet.table.rows[1][1]).not.toBe("433101195503150012");
  });

  it("offers every field and the system columns as columns", () => {
    const columns = allExportColumns(elderly);
    expect(columns).toEqual(expect.arrayContaining(elderly.fields.map((f) => f.key)));
    expect(columns).toEqual(expect.arrayContaining(["status", "org_unit_id", "created_at"]));
  });
});
