import { describe, expect, it } from "vitest";
import { answersToSave, recordResolver, type RecordFormValues } from "@/views/form/recordResolver";
import { fieldMessages, parseServerIssues } from "@/views/form/recordIssues";
import { parseServiceDefinition } from "@/services/schema";
import { minimalDefinition } from "../support/minimal-definition";
import { template } from "./templates";
import { fieldTypes } from "@/field-types";

const elderly = template("elderly_benefit");
// the same form without a record-unit field: the record's unit is asked for on its own
const elderlyOwnUnit = { ...elderly, fields: elderly.fields.map((field) => (field.key === "grid" ? { ...field, recordUnit: false } : field)) };
const texts = { unitRequired: "UNIT", rowIssue: (p: { row: number; column: string; message: string }) => `row ${p.row} ${p.column}: ${p.message}` };
const now = () => new Date("2026-11-26T08:00:00+08:00");
const options = { fields: {}, shouldUseNativeValidation: false };

const valid = {
  benefit_type: "card",
  applicant_name: "吴秀兰",
  applicant_id_number: "433101195503150017",
  age: 71,
  applicant_phone: "13912345678",
  grid: "grid-1",
  address: "吉首市吉凤街道牯牛坪社区 3组 12号",
  hukou_local: true,
  photo: [{ path: "u/1/file.png", name: "证件照.png", size: 68, mime: "image/png" }],
};

async function resolve(values: RecordFormValues, language: "zh" | "en" = "zh", definition = elderly) {
  return recordResolver(definition, language, texts, now)(values, undefined, options);
}

describe("recordResolver", () => {
  it("reports each invalid visible field under data.<key>, in the current language", async () => {
    const result = await resolve({ org_unit_id: "unit-1", data: { ...valid, applicant_id_number: "433101195503150012", applicant_name: null } });
    expect(result.values).toEqual({});
    expect(result.errors).toEqual({
      data: {
        applicant_id_number: { type: "validate", message: "身份证号码无效（请核对位数、出生日期和校验位）" },
        applicant_name: { type: "validate", message: "此项为必填项" },
      },
    });
    // age is derived from the ID number (born 1990: 36), whatever was typed
    const english = await resolve({ org_unit_id: "unit-1", data: { ...valid, applicant_id_number: "433101199001010047", age: 71 } }, "en");
    expect(english.errors).toEqual({ data: { age: { type: "validate", message: "Must be at least 60" } } });
  });

  it("asks for the unit", async () => {
    const result = await resolve({ org_unit_id: null, data: valid }, "zh", elderlyOwnUnit);
    expect(result.errors).toEqual({ org_unit_id: { type: "required", message: "UNIT" } });
  });

  it("resolves to the answers to save: hidden answers dropped, empty ones left out", async () => {
    const result = await resolve({
      org_unit_id: "unit-1",
      // bank_card_no belongs to the allowance; proxy_name is empty, so its relation is hidden too
      data: { ...valid, bank_card_no: "6222021234567890123", proxy_name: null, proxy_relation: "10", remarks: "" },
    });
    expect(result.errors).toEqual({});
    // the grid answer is the record's unit (recordUnit)
    expect(result.values).toEqual({ org_unit_id: "grid-1", data: valid });
  });

  it("requires what becomes visible: a non-local applicant needs the proof of residence", async () => {
    const result = await resolve({ org_unit_id: "unit-1", data: { ...valid, hukou_local: false } });
    expect(Object.keys(result.errors.data ?? {})).toEqual(["residence_proof"]);
  });

  it("answersToSave keeps answers of fields it does not know (the database reports them)", () => {
    expect(answersToSave(elderly, { surprise: 1, remarks: null })).toEqual({ surprise: 1 });
  });
});

describe("server issues (record_invalid)", () => {
  it("parses the details array and names fields with the shared messages", () => {
    const issues = parseServerIssues(
      JSON.stringify([
        { field: "age", code: "min", params: { min: 60 } },
        { field: "age", code: "integer" },
      ]),
    );
    expect(fieldMessages(elderly, issues, "zh", texts.rowIssue)).toEqual([{ field: "age", message: "不能小于 60" }]);
  });

  it("names the row and column of a sub-table problem", () => {
    const json = minimalDefinition();
    json.fields.push({ key: "members", label: "家庭成员", type: "sub_table", columns: [{ key: "relation", label: "关系", type: "text" }] });
    const parsed = parseServiceDefinition(json, fieldTypes);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const messages = fieldMessages(parsed.definition, [{ field: "members[1].relation", code: "required" }], "zh", texts.rowIssue);
    expect(messages).toEqual([{ field: "members", message: "row 2 关系: 此项为必填项" }]);
  });

  it("ignores details that are not the expected JSON", () => {
    expect(parseServerIssues("not json")).toEqual([]);
    expect(parseServerIssues('{"field":"age"}')).toEqual([]);
    expect(parseServerIssues(undefined)).toEqual([]);
  });
});
