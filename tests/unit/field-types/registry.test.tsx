import { readFileSync } from "node:fs";
import { join } from "node:path";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { fieldTypeKeys, fieldTypes, filterOperatorNames, getFieldType, UnknownFieldTypeError, type FieldLoaders } from "@/field-types";
import { parseServiceDefinition } from "@/services/schema";
import { validationCodes } from "@/contract";

const expectedTypes = [
  "text",
  "textarea",
  "number",
  "money",
  "date",
  "datetime",
  "boolean",
  "select",
  "multiselect",
  "id_number",
  "phone",
  "org_unit",
  "user",
  "resident",
  "attachment",
  "image",
  "sub_table",
];

const allTypes = (() => {
  const json = JSON.parse(readFileSync(join(import.meta.dirname, "../../shared/validation-corpus/definitions/all_types.json"), "utf8"));
  const result = parseServiceDefinition(json, fieldTypes);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.definition;
})();

const loaders: FieldLoaders = {
  loadOrgUnits: async () => [{ id: "g1", name: "牯牛坪社区第一网格", parent_id: null, level: "grid" }],
  searchUsers: async () => [{ id: "u1", name: "田丽" }],
  uploadFile: async (file) => ({ path: `t/${file.name}`, name: file.name, size: file.size, mime: file.type }),
  fileUrl: async (path) => `https://files.invalid/${path}`,
};

const jpg = { path: "r/1.jpg", name: "现场.jpg", size: 100, mime: "image/jpeg" };
const sampleValues: Record<string, unknown> = {
  text: "AB12",
  textarea: "楼道堆放杂物\n第二行",
  number: 82,
  money: 1234.5,
  date: "2024-02-29",
  datetime: "2025-03-01T09:30:00+08:00",
  boolean: true,
  select: "2",
  multiselect: ["elderly", "alone"],
  id_number: "433**************5",
  phone: "138****5678",
  org_unit: "g1",
  user: "u1",
  resident: "5f0c1e2a-7b3d-4c8e-9a1f-2d3e4f5a6b7c",
  attachment: [jpg],
  image: [jpg],
  sub_table: [{ name: "吴秀兰", relation: "02", id_number: "433101194503150020", income: 1200 }],
};

describe("field-type registry", () => {
  it("holds exactly the agreed types", () => {
    expect([...fieldTypeKeys].sort()).toEqual([...expectedTypes].sort());
  });

  it.each(fieldTypeKeys)("%s has every part, under its own key", (key) => {
    const type = fieldTypes[key];
    expect(type.key).toBe(key);
    expect(type.label.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(type.label.en).toMatch(/^[\x20-\x7e]+$/);
    expect(type.icon).toMatch(/^[A-Z]\w+Outlined$/);
    expect(["string", "number", "boolean", "string[]", "file[]", "row[]"]).toContain(type.storage);
    expect(type.configSchema.safeParse).toBeTypeOf("function");
    expect(type.filterOperators.length).toBeGreaterThan(0);
    for (const op of type.filterOperators) expect(filterOperatorNames).toContain(op);
    expect(type.validate).toBeTypeOf("function");
    expect(type.Input).toBeTypeOf("function");
    expect(type.Cell).toBeTypeOf("function");
  });

  it.each(fieldTypeKeys)("%s: validate only returns codes from validationCodes.ts", (key) => {
    const field = allTypes.fields.find((f) => f.type === key);
    if (!field) throw new Error(`all_types.json has no ${key} field`);
    const type = getFieldType(allTypes.key, field.key, field.type);
    const context = { now: new Date("2025-06-01T00:00:00+08:00") };
    for (const value of ["x", 1, true, [], {}, [{}], -1, "2999-01-01"]) {
      const issue = type.validate(field, value, context);
      if (issue) expect(Object.keys(validationCodes)).toContain(issue.code);
    }
  });

  it.each(fieldTypeKeys)("%s: Input and Cell render (server-side, no DOM needed)", (key) => {
    const field = allTypes.fields.find((f) => f.type === key);
    if (!field) throw new Error(`all_types.json has no ${key} field`);
    const { Input, Cell } = getFieldType(allTypes.key, field.key, field.type);
    const value = sampleValues[key];
    const input = renderToString(<Input field={field} value={value} onChange={() => {}} onBlur={() => {}} loaders={loaders} />);
    expect(input.length).toBeGreaterThan(0);
    const cell = renderToString(<Cell field={field} value={value} variant="detail" lookups={{ orgUnitName: () => "第一网格", userName: () => "田丽" }} />);
    expect(cell.length).toBeGreaterThan(0);
    const empty = renderToString(<Cell field={field} value={null} />);
    expect(empty).toContain("—");
  });

  it("cells show masked values as they are", () => {
    const field = allTypes.fields.find((f) => f.type === "id_number");
    if (!field) throw new Error("no id_number field");
    const { Cell } = getFieldType(allTypes.key, field.key, field.type);
    expect(renderToString(<Cell field={field} value="433**************5" />)).toContain("433**************5");
  });

  it("cells show choice labels, not stored values", () => {
    const field = allTypes.fields.find((f) => f.key === "sex");
    if (!field) throw new Error("no sex field");
    const { Cell } = getFieldType(allTypes.key, field.key, field.type);
    expect(renderToString(<Cell field={field} value="2" />)).toContain("女");
  });

  it("unknown types fail loudly, naming service and field in both languages", () => {
    expect(() => getFieldType("grid_event", "location", "geo")).toThrow('Unknown field type "geo" in service "grid_event", field "location"');
    try {
      getFieldType("grid_event", "location", "geo");
    } catch (error) {
      expect(error).toBeInstanceOf(UnknownFieldTypeError);
      expect((error as UnknownFieldTypeError).message_zh).toBe('服务 "grid_event" 的字段 "location" 使用了未知的字段类型 "geo"');
    }
  });

  it("does not treat Object.prototype names as types", () => {
    expect(() => getFieldType("s", "f", "toString")).toThrow(UnknownFieldTypeError);
    expect(() => getFieldType("s", "f", "__proto__")).toThrow(UnknownFieldTypeError);
  });
});
