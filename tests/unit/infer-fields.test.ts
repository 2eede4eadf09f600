import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { fieldTypes } from "@/field-types";
import { parseServiceDefinition, type ServiceDefinition } from "@/services/schema";
import { buildSheetDefinition } from "@/pages/sheet-import/buildSheetDefinition";
import { checkSheetRows } from "@/pages/sheet-import/checkSheetRows";
import { inferField, inferFields, retypeProposal } from "@/pages/sheet-import/inferFields";
import { readWorkbook, SheetReadError } from "@/pages/sheet-import/readWorkbook";
import { textDateIso, type SheetCell, type SheetTable } from "@/pages/sheet-import/sheetCells";
import { rosterHeaders, rosterRows, rosterTypes, rosterWorkbook, type RosterFault } from "../support/sheet-roster";

const now = new Date("2026-11-30T08:00:00+08:00");

function parsed(fields: ReturnType<typeof inferFields>): ServiceDefinition {
  const result = parseServiceDefinition(buildSheetDefinition({ name: "居民花名册", sourceName: "花名册.xlsx", fields }), fieldTypes);
  if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 2));
  return result.definition;
}

describe("inferring a field from a column", () => {
  it("takes the type from a clear name, whatever the values", () => {
    expect(inferField("申请人身份证号", ["x"], []).type).toBe("id_number");
    expect(inferField("联系电话", ["0743-8221234"], []).type).toBe("phone");
    expect(inferField("出生日期", ["?"], []).type).toBe("date");
    expect(inferField("补贴金额", [100], []).type).toBe("money");
    expect(inferField("是否党员", ["是"], []).type).toBe("boolean");
    expect(inferField("备注", ["短"], []).type).toBe("textarea");
  });

  it("reads the values when the name says nothing", () => {
    // valid check characters only: a wrong one is no evidence of an ID column
    expect(inferField("号码", ["110105194912310029", "110105194912310029"], []).type).not.toBe("id_number");
    expect(inferField("号码", ["11010519491231002X", "11010519491231002X"], []).type).toBe("id_number");
    expect(inferField("号码", ["13912345678", "18600001111"], []).type).toBe("phone");
    expect(inferField("走访", ["2025/3/5", "2025-03-06", "2025年3月7日", new Date(Date.UTC(2025, 2, 8))], []).type).toBe("date");
    expect(inferField("低保", ["有", "无", "无"], []).type).toBe("boolean");
    expect(inferField("标记", ["√", "×"], []).type).toBe("boolean");
    expect(inferField("标准", [12.5, 30, 45.25], []).type).toBe("money");
    expect(inferField("标准", [12, 30, 45], []).type).toBe("number");
    expect(inferField("情况", ["x".repeat(80)], []).type).toBe("textarea");
    expect(inferField("楼栋", ["A 栋", "B 栋", "C 栋"], []).type).toBe("text");
  });

  it("offers 性别 as 男 then 女", () => {
    expect(inferField("性别", ["女", "男", "女"], []).options?.map((option) => option.label)).toEqual(["男", "女"]);
    expect(inferField("户主姓名", ["张三"], []).evidence).toEqual({ by: "name" });
  });

  it("makes a few repeated answers a choice with those options", () => {
    const field = inferField("民族", ["汉族", "苗族", "汉族", "土家族", "苗族"], []);
    expect(field.type).toBe("select");
    expect(field.options?.map((option) => option.label)).toEqual(["汉族", "苗族", "土家族"]);
    expect(new Set(field.options?.map((option) => option.value)).size).toBe(3);
  });

  it("marks ID numbers and phones sensitive with a purpose, and guesses required from blanks", () => {
    const id = inferField("身份证号", ["11010519491231002X", null], []);
    expect(id).toMatchObject({ sensitive: true, required: false });
    expect(id.purpose).toBeTruthy();
    expect(inferField("姓名", ["张三", "李四"], []).required).toBe(true);
    expect(inferField("姓名", [...Array.from({ length: 300 }, () => "张三"), null], []).required).toBe(false);
    expect(inferField("姓名", ["张三", "李四"], []).sensitive).toBe(false);
  });

  it("keeps the sheet's own wording for a yes/no column, and options when the admin retypes", () => {
    const field = inferField("享受低保", ["有", "无"], []);
    expect(field).toMatchObject({ type: "boolean", trueLabel: "有", falseLabel: "无" });
    const retyped = retypeProposal(field, "select", ["有", "无", "有"]);
    expect(retyped.options?.map((option) => option.label)).toEqual(["有", "无"]);
    expect(retyped.trueLabel).toBeUndefined();
    expect(retypeProposal(inferField("证件", ["x"], []), "id_number", ["x"]).sensitive).toBe(true);
  });

  it("warns of an ID number stored as a number and of a repeated column name", () => {
    expect(inferField("身份证号", [110105194912310000], []).warnings).toEqual(["id_as_number"]);
    expect(retypeProposal(inferField("身份证号", [110105194912310000], []), "text", [110105194912310000]).warnings).toEqual([]);
    expect(inferFields(["电话", "电话", "姓名"], [["13912345678", "13912345679", "张三"]]).map((field) => field.warnings)).toEqual([
      ["duplicate_label"],
      ["duplicate_label"],
      [],
    ]);
  });

  it("gives keys from the labels, unique and never a system column", () => {
    const fields = inferFields(["联系电话", "联系电话", "status"], [["13912345678", "13912345679", "x"]]);
    expect(fields.map((field) => field.key)).toEqual(["lian_xi_dian_hua", "lian_xi_dian_hua_2", "status_2"]);
  });

  it("reads the dates sheets hold", () => {
    expect(textDateIso("2024/3/5")).toBe("2024-03-05");
    expect(textDateIso("2024.03.05")).toBe("2024-03-05");
    expect(textDateIso("2024年3月5日")).toBe("2024-03-05");
    expect(textDateIso("2025/2/30")).toBeNull();
  });
});

describe("the draft service a sheet becomes", () => {
  it("parses with no errors, for the roster and for every type an admin may choose", () => {
    const rows = rosterRows(20);
    const fields = inferFields(rosterHeaders, rows);
    const definition = parsed(fields);
    expect(definition.list.columns).toEqual([...fields.slice(0, 6).map((field) => field.key), "status"]);
    expect(definition.permissions).toMatchObject({ staff: ["read", "create", "update", "export"], leader: ["read"] });
    // a register: nothing for 待办 until the admin designs steps
    expect(definition.workflow.transitions).toEqual([]);
    const result = parseServiceDefinition(buildSheetDefinition({ name: "居民花名册", sourceName: "花名册.xlsx", fields }), fieldTypes);
    // a sheet has no English: that is the only thing to warn about
    expect(result.ok && result.warnings?.filter((warning) => warning.code !== "english_missing")).toEqual([]);
    for (const type of Object.keys(fieldTypes).filter((key) => key !== "sub_table") as (keyof typeof fieldTypes)[]) {
      parsed(
        fields.map((field, column) =>
          column === 5
            ? retypeProposal(
                field,
                type,
                rows.map((row) => row[5]),
              )
            : field,
        ),
      );
    }
  });
});

describe("the 12-column roster", () => {
  const faults = new Map<number, RosterFault>([
    [9, "id_check_digit"],
    [98, "phone"],
    [149, "date"],
  ]);

  it("is read from the workbook with its title row skipped and every type inferred right", async () => {
    const buffer = await rosterWorkbook(rosterRows(200, faults));
    const table = await readWorkbook(new Blob([new Uint8Array(buffer)]));
    expect(table).toMatchObject({ name: "花名册", headerRow: 2, headers: rosterHeaders });
    expect(table.rows).toHaveLength(200);
    expect(table.rows[0].rowNumber).toBe(3);
    const fields = inferFields(
      table.headers,
      table.rows.map((row) => row.cells),
    );
    expect(fields.map((field) => field.type)).toEqual(rosterTypes);
    expect(fields.every((field) => field.required)).toBe(true);
  });

  it("reports exactly the broken rows by Excel row number, and checks the rest", async () => {
    const table = await readWorkbook(new Blob([new Uint8Array(await rosterWorkbook(rosterRows(200, faults)))]));
    const definition = parsed(
      inferFields(
        table.headers,
        table.rows.map((row) => row.cells),
      ),
    );
    const check = checkSheetRows(definition, table, now);
    expect(check.badRows).toEqual([12, 101, 152]);
    expect(check.problems.map((p) => [p.rowNumber, p.column])).toEqual([
      [12, "身份证号"],
      [101, "联系电话"],
      [152, "最近走访"],
    ]);
    expect(check.records).toHaveLength(197);
  });

  it("converts each cell to the answer its type stores", () => {
    const fields = inferFields(rosterHeaders, rosterRows(20));
    const table: SheetTable = {
      name: "s",
      headerRow: 1,
      unnamedColumns: 0,
      headers: rosterHeaders,
      rows: [{ rowNumber: 2, cells: rosterRows(1)[0] as SheetCell[] }],
    };
    const check = checkSheetRows(parsed(fields), table, now);
    expect(check.problems).toEqual([]);
    const data = check.records[0].data;
    const byLabel = Object.fromEntries(fields.map((field) => [field.label, data[field.key]]));
    expect(byLabel).toMatchObject({ 出生日期: "1940-01-01", 家庭人口: 1, 是否党员: true, 享受低保: true, 补贴金额: 300, 最近走访: "2025-01-01" });
    expect(byLabel.民族).toBe(fields[5].options?.find((option) => option.label === "汉族")?.value);
  });

  it("reads Excel date serials in a column named a date", () => {
    const fields = inferFields(["出生日期"], [[36526]]);
    expect(fields[0].type).toBe("date");
    const table: SheetTable = { name: "s", headerRow: 1, unnamedColumns: 0, headers: ["出生日期"], rows: [{ rowNumber: 2, cells: [36526] }] };
    expect(checkSheetRows(parsed(fields), table, now).records[0].data).toEqual({ [fields[0].key]: "2000-01-01" });
  });

  it("reports an ID number Excel stored as a number, and an unreadable number", () => {
    const fields = inferFields(["身份证号", "家庭人口"], [["11010519491231002X", 3]]);
    const table: SheetTable = {
      name: "s",
      headerRow: 1,
      unnamedColumns: 0,
      headers: ["身份证号", "家庭人口"],
      rows: [{ rowNumber: 7, cells: [110105194912310000, "三"] }],
    };
    const check = checkSheetRows(parsed(fields), table, now);
    expect(check.badRows).toEqual([7]);
    expect(check.problems.map((p) => p.column)).toEqual(["身份证号", "家庭人口"]);
    expect(check.problems[0].message_zh).toContain("数字");
  });
});

describe("reading a sheet with a column nobody named", () => {
  it("leaves it out and counts it", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("名单");
    sheet.addRow(["姓名", null, "电话"]);
    sheet.addRow(["张三", "备用", "13912345678"]);
    sheet.addRow(["合计", null, null]);
    const table = await readWorkbook(new Blob([new Uint8Array(await workbook.xlsx.writeBuffer())]));
    expect(table).toMatchObject({ headers: ["姓名", "电话"], unnamedColumns: 1, rows: [{ rowNumber: 2, cells: ["张三", "13912345678"] }] });
  });
});

describe("reading a file that is not a workbook", () => {
  it("refuses it with a reason, never a crash", async () => {
    await expect(readWorkbook(new Blob(["not a zip"]))).rejects.toMatchObject({ problem: "unreadable" });
    await expect(readWorkbook(new Blob([new Uint8Array(11 * 1024 * 1024)]))).rejects.toBeInstanceOf(SheetReadError);
  });
});
