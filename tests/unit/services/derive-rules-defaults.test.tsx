// Issue #9 items 1, 2 and 4: derived values, rules and defaults as data. The verdicts shared
// with the database are in tests/shared/validation-corpus (derive.json, rules.json); this file
// covers what only the browser does (definition checks, defaults, the form's kept values).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { FieldTypeCatalog } from "@/contract";
import { fieldTypes, getFieldType, type FieldLoaders } from "@/field-types";
import { conditionHolds } from "@/services/conditions";
import { deriveRecordValues, keptDerivedKeys } from "@/services/deriveValues";
import { initialAnswers } from "@/services/initialAnswers";
import { parseServiceDefinition, type FieldDefinition } from "@/services/schema";
import { validateRecordData } from "@/services/validateRecord";
import { recordResolver } from "@/views/form/recordResolver";
import { transitionResolver, type TransitionFormValues } from "@/views/show/transitionForm";

const corpusDefinition = (): Record<string, unknown> & { fields: Record<string, unknown>[]; rules: Record<string, unknown>[] } =>
  JSON.parse(readFileSync(join(import.meta.dirname, "../../shared/validation-corpus/definitions/derive_rules.json"), "utf8"));
const parsed = (json: unknown) => {
  const result = parseServiceDefinition(json, fieldTypes);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.definition;
};
const errorsOf = (json: unknown) => {
  const result = parseServiceDefinition(json, fieldTypes);
  return result.ok ? [] : result.errors.map((e) => `${e.path}:${e.code}`);
};
const field = (json: ReturnType<typeof corpusDefinition>, key: string) => json.fields.find((f) => f.key === key)!;

describe("derive in the definition schema", () => {
  it("accepts the corpus definition and keeps derive, rules and default as written (round trip)", () => {
    const json = corpusDefinition();
    json.fields.push({ key: "reporter", label: "上报人", type: "user", default: { currentUser: true } });
    const definition = parsed(json);
    expect(definition.fields.find((f) => f.key === "age")!.derive).toEqual({ fn: "age", from: "applicant_id_number" });
    expect(definition.rules).toEqual(json.rules);
    expect(parsed(JSON.parse(JSON.stringify(definition)))).toEqual(definition);
  });

  it("refuses a derivation from a field of the wrong type, into a field of the wrong type, or from nowhere", () => {
    const json = corpusDefinition();
    field(json, "age").derive = { fn: "age", from: "income_a" };
    field(json, "days").derive = { fn: "days_between", from: "start_date", to: "missing" };
    field(json, "birth_date").type = "text";
    expect(errorsOf(json)).toEqual(
      expect.arrayContaining(["fields[4].derive:derive_source_type", "fields[15].derive:unknown_field_ref", "fields[2].type:derive_target_type"]),
    );
  });

  it("refuses a birth date in clear derived from a sensitive ID number (it would unmask the ID)", () => {
    const json = corpusDefinition();
    field(json, "birth_date").sensitive = false;
    expect(errorsOf(json)).toEqual(["fields[2].sensitive:derive_birth_date_sensitive"]);
  });

  it("refuses loops between derived fields and unknown functions", () => {
    const json = corpusDefinition();
    field(json, "income_a").derive = { fn: "sum", of: ["income_total"] };
    expect(errorsOf(json)).toEqual(["fields[7].derive:derive_cycle"]);
    field(json, "income_a").derive = { fn: "median", of: ["income_b"] };
    expect(errorsOf(json)).toHaveLength(1);
  });

  it("refuses a sex select without male and female, and a default on a derived field", () => {
    const json = corpusDefinition();
    field(json, "sex").options = [{ value: "1", label: "男" }];
    field(json, "age").default = 80;
    expect(errorsOf(json)).toEqual(expect.arrayContaining(["fields[3].options:derive_sex_options", "fields[4].default:derive_default"]));
  });

  it("refuses rules naming unknown fields and conditions of the wrong shape", () => {
    const json = corpusDefinition();
    json.rules.push({ require: { field: "nowhere", op: "eq", value: 1 }, message: "x" });
    expect(errorsOf(json)).toEqual(["rules[6]:unknown_field_ref"]);
    json.rules[6] = { require: { field: "age", op: "in", valueFrom: "budget" }, message: "x" };
    expect(errorsOf(json)).toEqual(["rules[6].require.valueFrom:condition_value_scalar"]);
    // a mistake deep in all / any / not is reported where it is, with its own code
    json.rules[6] = { require: { all: [{ field: "age", op: "gte", value: 1 }, { not: { field: "tags", op: "in", value: "b" } }] }, message: "x" };
    expect(errorsOf(json)).toEqual(["rules[6].require.all[1].not.value:condition_value_array"]);
  });
});

describe("derived values in the browser", () => {
  const definition = parsed(corpusDefinition());
  it("computes the age on the given day: the birthday counts, the day before does not", () => {
    const data = { applicant_id_number: "433124194912310026" };
    expect(deriveRecordValues(definition.fields, data, fieldTypes, "2029-12-30").age).toBe(79);
    expect(deriveRecordValues(definition.fields, data, fieldTypes, "2029-12-31").age).toBe(80);
  });

  it("keeps the stored age while the ID number is still the mask the database sent (edit form)", () => {
    const stored = { benefit_type: "allowance", applicant_id_number: "433**************6", age: 86 };
    const kept = keptDerivedKeys(definition.fields, stored, stored);
    expect([...kept].sort()).toEqual(["age", "age_from_birth_date", "birth_date", "sex"]);
    expect(validateRecordData(definition, stored, { fieldTypes, keepDerived: kept }).map((i) => i.code)).not.toContain("rule");
    // a retyped ID number is derived again
    const retyped = { ...stored, applicant_id_number: "433124194912310026" };
    expect(keptDerivedKeys(definition.fields, retyped, stored).size).toBe(0);
  });
});

describe("rule conditions", () => {
  it("compare with today and with another field, combined by all / any / not", () => {
    const today = "2026-11-30";
    expect(conditionHolds({ field: "d", op: "lte", value: { today: true } }, { d: "2026-11-30" }, today)).toBe(true);
    expect(conditionHolds({ field: "d", op: "lte", value: { today: true } }, { d: "2026-12-01" }, today)).toBe(false);
    expect(conditionHolds({ field: "a", op: "gt", valueFrom: "b" }, { a: 3, b: 2 }, today)).toBe(true);
    expect(conditionHolds({ field: "a", op: "gt", valueFrom: "b" }, { a: 3 }, today)).toBe(false);
    expect(conditionHolds({ field: "a", op: "eq", valueFrom: "b" }, {}, today)).toBe(true);
    const both = { all: [{ field: "a", op: "gte" as const, value: 1 }, { not: { field: "b", op: "empty" as const } }] };
    expect(conditionHolds(both, { a: 1, b: "x" }, today)).toBe(true);
    expect(conditionHolds({ any: [both, { field: "c", op: "eq", value: true }] }, { a: 1, c: true }, today)).toBe(true);
  });

  it("a refused rule carries its own words in both languages", () => {
    const definition = parsed(corpusDefinition());
    const [issue] = validateRecordData(definition, { benefit_type: "allowance", applicant_id_number: "433124194912310026" }, { fieldTypes });
    expect(issue).toEqual({
      field: "age",
      code: "rule",
      message_zh: "申请高龄津贴须年满 80 周岁",
      message_en: "The old-age allowance requires age 80 or over",
    });
  });
});

describe("defaults", () => {
  const fields = [
    { key: "reporter", label: "上报人", type: "user", default: { currentUser: true } },
    { key: "reported_at", label: "上报时间", type: "datetime", default: { now: true } },
    { key: "visit_date", label: "走访日期", type: "date", default: { today: true } },
    { key: "urgency", label: "紧急程度", type: "text", default: "blue" },
    { key: "plain", label: "无默认", type: "text" },
  ] as unknown as FieldDefinition[];

  it("resolve the current user, now and today for the create form", () => {
    const now = new Date(2026, 10, 30, 9, 5, 7);
    const answers = initialAnswers(fields, { userId: "u-1", now });
    expect(answers).toMatchObject({ reporter: "u-1", visit_date: "2026-11-30", urgency: "blue" });
    expect(answers.reported_at).toMatch(/^2026-11-30T09:05:07[+-]\d{2}:\d{2}$/);
    const catalog: FieldTypeCatalog = fieldTypes;
    expect(catalog.datetime.validate(fields[1], answers.reported_at, { now })).toBeNull();
    expect(answers).not.toHaveProperty("plain");
  });

  it("refuse a default that does not fit the type", () => {
    const json = corpusDefinition();
    json.fields.push({ key: "reporter", label: "上报人", type: "text", default: { currentUser: true } });
    expect(errorsOf(json)).toEqual(["fields[18].default:default_type"]);
  });
});

const loaders = {} as FieldLoaders;

// issue #9: "age 50 was silently changed to 60 and saved" — antd's InputNumber clamps to min/max on blur
describe("number inputs never change what was typed", () => {
  it.each(["number", "money"])("%s input has no min / max for antd to clamp to", (type) => {
    const { Input } = getFieldType("test", "age", type);
    const html = renderToString(
      <Input
        field={{ key: "age", label: "年龄", type, min: 60, max: 130, integer: true }}
        value={50}
        onChange={() => {}}
        onBlur={() => {}}
        loaders={loaders}
      />,
    );
    expect(html).toContain('value="50');
    expect(html).not.toMatch(/aria-valuemin="60"/);
  });

  it("and validation reports the out-of-range value instead", () => {
    const age = { key: "age", label: "年龄", type: "number", min: 60 } as unknown as FieldDefinition;
    expect(fieldTypes.number.validate(age, 50)).toEqual({
      code: "min",
      params: { min: 60 },
    });
  });
});

describe("the record's unit from a record-unit field", () => {
  it("a new record's unit is the field's answer; without one the field says so", async () => {
    const json = corpusDefinition();
    json.fields.push({ key: "grid", label: "所属网格", type: "org_unit", required: true, recordUnit: true });
    const definition = parsed(json);
    const resolve = recordResolver(definition, "zh", { unitRequired: "请选择记录所属单位", rowIssue: (p) => String(p.message) });
    const values = { org_unit_id: "community", data: { benefit_type: "card", applicant_id_number: "433124194003150010", grid: "grid-2" } };
    const ok = await resolve(values, undefined, { fields: {}, shouldUseNativeValidation: false });
    expect(ok.values).toMatchObject({ org_unit_id: "grid-2", data: { grid: "grid-2", sex: "male" } });
    const missing = await resolve({ ...values, data: { ...values.data, grid: null } }, undefined, { fields: {}, shouldUseNativeValidation: false });
    expect(missing.errors).toMatchObject({ data: { grid: { message: "此项为必填项" } } });
    expect(missing.errors).not.toHaveProperty("org_unit_id");
  });

  it("only one org_unit field may be the record's unit", () => {
    const json = corpusDefinition();
    json.fields.push({ key: "grid", label: "网格", type: "org_unit", recordUnit: true }, { key: "grid2", label: "网格2", type: "org_unit", recordUnit: true });
    json.fields.push({ key: "note", label: "说明", type: "text", recordUnit: true });
    expect(errorsOf(json)).toEqual(["fields[20].recordUnit:record_unit_type", "fields:record_unit_once"]);
  });
});

describe("the transition dialog and derived values it only has masked", () => {
  it("a rule on the transition's field reads the stored age while the ID is the mask", async () => {
    const json = corpusDefinition();
    json.fields.push({ key: "amount", label: "发放金额", type: "number", stage: ["finish"] });
    json.rules.push({
      when: { field: "amount", op: "not_empty" },
      require: { field: "age", op: "gte", value: 80 },
      field: "amount",
      message: "只有 80 周岁以上才发放",
      message_en: "Paid from 80 only",
    });
    const definition = parsed(json);
    const transition = definition.workflow.transitions[0];
    const stored = { benefit_type: "card", applicant_id_number: "433**************0", age: 86 };
    const resolve = transitionResolver(definition, transition, stored, "zh", (p) => String(p.message));
    const values = { comment: "", checklist: [], data: { amount: 100 } } as unknown as TransitionFormValues;
    expect((await resolve(values, undefined, { fields: {}, shouldUseNativeValidation: false })).errors).toEqual({});
    const young = transitionResolver(definition, transition, { ...stored, age: 70 }, "zh", (p) => String(p.message));
    expect((await young(values, undefined, { fields: {}, shouldUseNativeValidation: false })).errors).toMatchObject({
      data: { amount: { message: "只有 80 周岁以上才发放" } },
    });
  });
});
