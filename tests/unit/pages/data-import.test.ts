// The data import's pure parts: header matching (label, alias, remembered), the registry row
// conversion with the registry's rules, service rows through the form's checks, the template's
// columns and allowed values, the error report, CSV reading and the chunk runner.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ImportAnswer } from "@/data/dataImport";
import { fieldTypes } from "@/field-types";
import { parseServiceDefinition, type ServiceDefinition } from "@/services/schema";
import { databaseProblems, dryRun, importInChunks } from "@/pages/data-import/chunkRunner";
import { errorReport } from "@/pages/data-import/errorReport";
import { mappingProblems, mappingToSave, matchHeaders } from "@/pages/data-import/importColumns";
import { isExampleRow } from "@/pages/data-import/importRows";
import { csvLines, decodeCsv, readCsv } from "@/pages/data-import/readCsv";
import { recordImportColumns, unimportableRequired } from "@/pages/data-import/recordImportColumns";
import { recordRowConverter } from "@/pages/data-import/recordImportRows";
import { residentImportColumns } from "@/pages/data-import/residentImportColumns";
import { residentRowConverter } from "@/pages/data-import/residentImportRows";
import { templateSheets } from "@/pages/data-import/templateSheets";
import type { SheetTable } from "@/pages/sheet-import/sheetCells";

const lists = {
  codes: [
    { list: "sex", code: "1", label_zh: "男", label_en: "Male" },
    { list: "sex", code: "2", label_zh: "女", label_en: "Female" },
    { list: "ethnicity", code: "01", label_zh: "汉族", label_en: "Han" },
    { list: "ethnicity", code: "06", label_zh: "苗族", label_en: "Miao" },
    { list: "ethnicity", code: "15", label_zh: "土家族", label_en: "Tujia" },
    { list: "political_status", code: "13", label_zh: "群众", label_en: "Masses" },
    { list: "marital_status", code: "20", label_zh: "已婚", label_en: "Married" },
    { list: "household_relation", code: "02", label_zh: "户主", label_en: "Head of household" },
    { list: "household_relation", code: "10", label_zh: "配偶", label_en: "Spouse" },
  ],
  tagKinds: [
    { key: "age_60_plus", label_zh: "60岁以上", label_en: "60+", min_age: 60 },
    { key: "veteran", label_zh: "退役军人", label_en: "Veteran", min_age: null },
    { key: "dibao", label_zh: "低保", label_en: "Subsistence allowance", min_age: null },
  ],
  units: [
    { id: "g1", label: "第一网格", aliases: ["牯牛坪社区 / 第一网格", "牯牛坪社区第一网格"] },
    { id: "g2", label: "第二网格", aliases: [] },
  ],
};
const columns = residentImportColumns(lists);
const today = "2026-11-30";

function checkChar(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  return "10X98765432"[[...first17].reduce((sum, digit, i) => sum + Number(digit) * weights[i]!, 0) % 11]!;
}
const id = (first17: string) => first17 + checkChar(first17);

describe("matching sheet headers to columns", () => {
  it("matches labels with the template's * and spaces, aliases and English labels; a column takes one header", () => {
    expect(matchHeaders(["姓名*", " 公民身份号码 ", "Phone", "民族", "姓名", "备注"], columns)).toEqual([
      "name",
      "id_number",
      "phone",
      "ethnicity",
      null,
      null,
    ]);
  });
  it("falls back to the remembered mapping, after labels, and ignores keys that no longer exist", () => {
    const remembered = { 户籍网格: "grid_org_unit_id", 备注: "gone", 姓名: "address" };
    expect(matchHeaders(["姓名", "户籍网格", "备注"], columns, remembered)).toEqual(["name", "grid_org_unit_id", null]);
  });
  it("blocks while a required column has no header or a column has two", () => {
    const headers = ["姓名", "身份证号", "另一个姓名"];
    const problems = mappingProblems(headers, ["name", "id_number", "name"], columns);
    expect(problems.map((p) => `${p.kind}:${p.column.key}`)).toEqual(["twice:name", "missing:grid_org_unit_id"]);
    expect(mappingToSave(headers, ["name", null, "address"])).toEqual({ 姓名: "name", 另一个姓名: "address" });
  });
});

describe("a registry row to import_residents values", () => {
  const headers = ["姓名", "身份证号", "联系电话", "性别", "民族", "所属网格", "标签", "住址"];
  const convert = () => residentRowConverter(columns, headers, matchHeaders(headers, columns), today);
  const good = id("43310119580203101");

  it("turns labels into codes, units into ids, tags into keys; 15-digit numbers and x are normalised", () => {
    const result = convert()([" 张 德福 ", good, "138-0743-1234", "男", "土家", "牯牛坪社区 / 第一网格", "退役军人、低保", null], 7);
    expect(result).toEqual({
      ok: true,
      row: {
        row: 7,
        values: { name: "张 德福", id_number: good, phone: "13807431234", sex: "1", ethnicity: "15", grid_org_unit_id: "g1", tags: ["veteran", "dibao"] },
      },
    });
    const legacy = convert()(["李秀英", "433101580203102", null, null, null, "第二网格", null, null], 8);
    expect(legacy.ok && legacy.row.values.id_number).toHaveLength(18);
  });

  it("reports each bad cell by the sheet's header, in both languages", () => {
    const bad = good.slice(0, 17) + (good.endsWith("0") ? "1" : "0");
    const run = convert();
    const problems = [
      run(["甲", bad, null, null, null, "第一网格", null, null], 2),
      run(["乙", id("43310119580203103"), "1380743", null, null, "第一网格", null, null], 3),
      run(["丙", id("43310119580203104"), null, null, "火星族", "第一网格", null, null], 4),
      run([null, id("43310119580203105"), null, null, null, "第一网格", null, null], 5),
      run(["丁", id("43310119580203106"), null, null, null, "湾溪社区第一网格", null, null], 6),
      run(["戊", id("43310119580203107"), null, "女", null, "第一网格", "60岁以上", null], 9),
      run(["己", 433101195802031000, null, null, null, "第一网格", null, null], 10),
    ].map((r) => (r.ok ? [] : r.problems.map((p) => `${p.rowNumber}:${p.column}:${p.message_zh}`)));
    expect(problems[0]).toEqual(["2:身份证号:身份证号校验位不符，请核对号码"]);
    expect(problems[1]![0]).toMatch(/^3:联系电话:请填写 11 位手机号/);
    expect(problems[2]![0]).toMatch(/^4:民族:「火星族」不是可选的民族/);
    expect(problems[3]).toEqual(["5:姓名:请填写姓名"]);
    expect(problems[4]![0]).toMatch(/^6:所属网格:「湾溪社区第一网格」不是您可登记居民的网格或社区/);
    // 17th digit 7: a man; and an age tag is never imported
    expect(problems[5]).toEqual(expect.arrayContaining([expect.stringMatching(/^9:标签:「60岁以上」不是可选的标签/), "9:性别:性别与身份证号不符"]));
    expect(problems[6]![0]).toMatch(/^10:身份证号:身份证号「.*」在 Excel 中被存成了数字/);
  });

  it("reports a number seen twice at the second row, naming the first", () => {
    const run = convert();
    expect(run(["甲", good, null, null, null, "第一网格", null, null], 2).ok).toBe(true);
    const twice = run(["乙", good.toLowerCase(), null, null, null, "第一网格", null, null], 30);
    expect(twice.ok || twice.problems[0]!.message_zh).toBe("与第 2 行的身份证号相同：一人只登记一次");
  });

  it("skips the template's example row", () => {
    expect(isExampleRow(["示例：张德福", "433101194501010016"])).toBe(true);
    expect(isExampleRow(["张德福", "示例"])).toBe(false);
  });
});

describe("the 户籍 columns", () => {
  const headers = ["姓名", "身份证号", "所属网格", "户籍地区划代码", "户籍地址"];
  it("take a county or 12-digit code and an address; another shape is a problem on its column", () => {
    const convert = residentRowConverter(columns, headers, matchHeaders(headers, columns), today);
    expect(convert(["张德福", "433101194501010016", "第一网格", 433101, " 湖南省吉首市 某路 1号 "], 2)).toMatchObject({
      ok: true,
      row: { values: { hukou_region: "433101", hukou_address: "湖南省吉首市 某路 1号" } },
    });
    const bad = convert(["张德福", "433101194501010016", "第一网格", "43310", ""], 3);
    expect(bad.ok).toBe(false);
  });
});

describe("the household columns", () => {
  const headers = ["姓名", "身份证号", "所属网格", "户号", "与户主关系"];
  const convert = () => residentRowConverter(columns, headers, matchHeaders(headers, columns), today);
  it("take a number and a relation by label or code", () => {
    expect(convert()(["张德福", "433101194501010016", "第一网格", " 430010260001 ", "户主"], 2)).toMatchObject({
      ok: true,
      row: { values: { household_number: "430010260001", relation: "02" } },
    });
    expect(convert()(["张德福", "433101194501010016", "第一网格", 430010260001, "10"], 2)).toMatchObject({
      ok: true,
      row: { values: { household_number: "430010260001", relation: "10" } },
    });
  });
  it("want both or neither, and a relation of GB/T 4761", () => {
    const problemsOf = (cells: unknown[]) => {
      const result = convert()(cells as never, 3);
      return result.ok ? [] : result.problems.map((p) => [p.column, p.message_zh]);
    };
    expect(problemsOf(["张德福", "433101194501010016", "第一网格", "430010260001", ""])).toEqual([
      ["与户主关系", "填写户号时请填写与户主关系（户主填“户主”）"],
    ]);
    expect(problemsOf(["张德福", "433101194501010016", "第一网格", "", "配偶"])).toEqual([["户号", "填写与户主关系时请填写户号"]]);
    expect(problemsOf(["张德福", "433101194501010016", "第一网格", "430010260001", "邻居"])).toHaveLength(1);
    expect(problemsOf(["张德福", "433101194501010016", "第一网格", "", ""])).toEqual([]);
  });
});

describe("the template", () => {
  it("marks required headers, prefixes the example, formats numbers as text and lists every closed column's values", () => {
    const sheets = templateSheets(columns);
    expect(sheets.headers).toEqual([
      "姓名*",
      "身份证号*",
      "联系电话",
      "性别",
      "民族",
      "政治面貌",
      "婚姻状况",
      "住址",
      "所属网格*",
      "标签",
      "户籍地区划代码",
      "户籍地址",
      "户号",
      "与户主关系",
    ]);
    expect(sheets.example[0]).toBe("示例：张德福");
    expect(sheets.textColumns).toEqual([1, 2, 10, 12]);
    expect(sheets.choices.map((c) => c.header)).toEqual(["性别", "民族", "政治面貌", "婚姻状况", "所属网格", "标签", "与户主关系"]);
    expect(sheets.choices.find((c) => c.header === "与户主关系")!.values).toEqual(["户主", "配偶"]);
    expect(sheets.choices.find((c) => c.header === "标签")!.values).toEqual(["退役军人", "低保"]);
    expect(sheets.choices.find((c) => c.header === "所属网格")!.values).toEqual(["第一网格", "第二网格"]);
    // a dropdown for single choices only (标签 takes several)
    expect(sheets.dropdowns.map((d) => sheets.headers[d.column])).toEqual(["性别", "民族", "政治面貌", "婚姻状况", "所属网格*", "与户主关系"]);
  });
});

describe("a service's rows to import_records rows", () => {
  const definition = (() => {
    const parsed = parseServiceDefinition(JSON.parse(readFileSync("resources/services/resident_proposal.json", "utf8")), fieldTypes);
    if (!parsed.ok) throw new Error("resident_proposal does not parse");
    return parsed.definition as ServiceDefinition;
  })();
  const units = [{ id: "g1", label: "第一网格", level: "grid", aliases: [] }];
  const recordColumns = recordImportColumns(definition, { units });

  it("offers the intake fields a cell can hold, files and later-stage answers left out", () => {
    const keys = recordColumns.map((c) => c.key);
    expect(keys).toEqual(expect.arrayContaining(["topic", "title", "content", "anonymous", "suggester_name", "suggester_phone", "grid", "supporters"]));
    expect(keys).not.toContain("photos");
    expect(recordColumns.find((c) => c.key === "grid")!.choices).toEqual([{ value: "g1", label: "第一网格", aliases: [] }]);
    expect(unimportableRequired(definition)).toEqual([]);
  });

  it("checks rows with the form's rules and sets the record's unit from the record-unit field", () => {
    const headers = ["建议类别", "建议标题", "建议内容", "匿名提出", "所在网格"];
    const convert = recordRowConverter(definition, recordColumns, headers, matchHeaders(headers, recordColumns));
    expect(convert(["停车管理", "增设车位", "小区车位不够", "是", "第一网格"], 2)).toEqual({
      ok: true,
      row: { row: 2, org_unit_id: "g1", data: { topic: "parking", title: "增设车位", content: "小区车位不够", anonymous: true, grid: "g1" } },
    });
    const bad = convert(["火箭", "增设车位", null, "是", "第九网格"], 3);
    expect(bad.ok ? [] : bad.problems.map((p) => p.column)).toEqual(["所在网格", "建议类别", "建议内容"]);
  });

  it("names the database's errors by the sheet's header (a record's org_unit_id is its record-unit field)", () => {
    const headers = ["建议类别", "所在网格"];
    const problems = databaseProblems(
      [{ row: 4, column: "org_unit_id", code: "record_forbidden", message_zh: "无权", message_en: "Forbidden" }],
      headers,
      ["topic", "grid"],
      recordColumns,
      "整行",
      (c) => (c === "org_unit_id" ? "grid" : c),
    );
    expect(problems).toEqual([{ rowNumber: 4, column: "所在网格", message_zh: "无权", message_en: "Forbidden" }]);
  });
});

describe("the error report", () => {
  it("keeps the bad rows as they were, adds 原行号 and 错误说明, marks the cells at fault", () => {
    const table: SheetTable = {
      name: "s",
      headerRow: 1,
      headers: ["姓名", "身份证号"],
      rows: [
        { rowNumber: 2, cells: ["甲", "1"] },
        { rowNumber: 3, cells: [null, "2"] },
      ],
      unnamedColumns: 0,
    };
    const report = errorReport(table, [
      { rowNumber: 3, column: "姓名", message_zh: "请填写姓名", message_en: "Name is required" },
      { rowNumber: 3, column: "身份证号", message_zh: "校验位不符", message_en: "Check failed" },
    ]);
    expect(report.headers).toEqual(["姓名", "身份证号", "原行号", "错误说明"]);
    expect(report.rows).toEqual([{ cells: [null, "2", 3, "姓名：请填写姓名；身份证号：校验位不符"], badColumns: [0, 1] }]);
  });
});

describe("CSV files", () => {
  it("reads UTF-8 with BOM and GB 18030, quotes, and keeps numbers as text", () => {
    expect(csvLines('a,"b ""c""",d\r\n1,"x\ny",3\n')).toEqual([
      ["a", 'b "c"', "d"],
      ["1", "x\ny", "3"],
    ]);
    const gbk = new Uint8Array([0xd0, 0xd5, 0xc3, 0xfb]); // 姓名 in GBK
    expect(decodeCsv(gbk)).toBe("姓名");
    const table = readCsv(new TextEncoder().encode("\uFEFF姓名,身份证号\n张三,433101194501010016\n\n"), { mb: 1, rows: 10, columns: 10 });
    expect(table.headers).toEqual(["姓名", "身份证号"]);
    expect(table.rows).toEqual([{ rowNumber: 2, cells: ["张三", "433101194501010016"] }]);
  });
});

describe("sending chunks", () => {
  const answer = (rows: { row: number }[], refuse: number[] = []): ImportAnswer => {
    const errors = rows.filter((r) => refuse.includes(r.row)).map((r) => ({ row: r.row, column: "", code: "x", message_zh: "变了", message_en: "changed" }));
    return { created: errors.length ? 0 : rows.length, updated: 0, unchanged: 0, errors, written: errors.length === 0 };
  };

  it("sends chunk after chunk, resends a refused chunk without its bad rows, and stops between chunks when asked", async () => {
    const rows = Array.from({ length: 25 }, (_, i) => ({ row: i + 2 }));
    const sent: number[] = [];
    const result = await importInChunks(
      rows,
      10,
      async (chunk) => {
        sent.push(chunk.length);
        return answer(chunk, [5]);
      },
      () => undefined,
      () => false,
    );
    expect(sent).toEqual([10, 9, 10, 5]);
    expect(result).toMatchObject({ created: 24, done: 24, stopped: false });
    expect(result.errors.map((e) => e.row)).toEqual([5]);

    // a chunk past the statement timeout is rolled back and sent again in halves; later ones stay small
    const sizes: number[] = [];
    const timed = await importInChunks(
      rows,
      20,
      async (chunk) => {
        sizes.push(chunk.length);
        if (chunk.length > 10) throw Object.assign(new Error("canceling statement due to statement timeout"), { code: "57014" });
        return answer(chunk);
      },
      () => undefined,
      () => false,
    );
    expect(sizes).toEqual([20, 10, 10, 5]);
    expect(timed).toMatchObject({ created: 25, done: 25 });

    // the dry run collects every chunk's errors and stops between chunks when asked
    const dry = await dryRun(
      rows,
      10,
      async (chunk) => answer(chunk, [5, 20]),
      () => undefined,
    );
    expect(dry).toMatchObject({ created: 5, stopped: false });
    expect(dry.errors.map((e) => e.row)).toEqual([5, 20]);
    let asked = 0;
    expect(
      await dryRun(
        rows,
        10,
        async (chunk) => answer(chunk),
        () => undefined,
        () => ++asked > 2,
      ),
    ).toMatchObject({ created: 20, stopped: true });

    let chunks = 0;
    const stopped = await importInChunks(
      rows,
      10,
      async (chunk) => answer(chunk),
      () => (chunks += 1),
      () => chunks >= 1,
    );
    expect(stopped).toMatchObject({ done: 10, stopped: true });
  });
});
