// The resident field type's pure parts: what the picker's search box was given, the answer's
// shape rule (the database's field_value_issue twin), its text form, and one resident field per
// definition (the database's check_derived_fields twin).
import { describe, expect, it } from "vitest";
import { fieldTypes, residentQuery } from "@/field-types";
import { parseServiceDefinition } from "@/services/schema";

const id = "5f0c1e2a-7b3d-4c8e-9a1f-2d3e4f5a6b7c";
const field = { key: "applicant", label: "申请人", type: "resident" as const };

describe("residentQuery", () => {
  it("reads a full ID number (any spelling) as the logged exact search", () => {
    expect(residentQuery(" 433101 19440312 001x ")).toEqual({ kind: "id_number", value: "43310119440312001X" });
    // the old 15 digits become the 18-character number
    expect(residentQuery("433101440312001")).toMatchObject({ kind: "id_number" });
    expect((residentQuery("433101440312001") as { value: string }).value).toHaveLength(18);
  });

  it("reads letters as pinyin initials, anything else as part of a name, blank as nothing", () => {
    expect(residentQuery("XDF")).toEqual({ kind: "initials", text: "xdf" });
    expect(residentQuery("向德")).toEqual({ kind: "name", text: "向德" });
    expect(residentQuery("4331")).toEqual({ kind: "name", text: "4331" });
    expect(residentQuery("   ")).toEqual({ kind: "none" });
  });
});

describe("the resident answer", () => {
  it("is a person's id: a uuid, nothing else", () => {
    expect(fieldTypes.resident.validate(field, id)).toBeNull();
    for (const bad of ["向德福", "r1", 42, [id]]) expect(fieldTypes.resident.validate(field, bad)).toMatchObject({ code: "type" });
  });

  it("reads as the person's name where the view knows it, else the id", () => {
    expect(fieldTypes.resident.toText(field, id, { language: "zh", lookups: { residentName: () => "向德福" } })).toBe("向德福");
    expect(fieldTypes.resident.toText(field, id, { language: "zh" })).toBe(id);
    expect(fieldTypes.resident.lookup).toBe("resident");
  });

  it("says 无权查看 for a person the page asked for and the reader may not read", () => {
    const hidden = { residentName: () => undefined, residentHidden: () => true };
    expect(fieldTypes.resident.toText(field, id, { language: "zh", lookups: hidden })).toBe("无权查看");
    expect(fieldTypes.resident.toText(field, id, { language: "en", lookups: hidden })).toBe("Not yours to view");
  });
});

describe("one resident field per definition", () => {
  const definition = (fields: Record<string, unknown>[]) => ({
    key: "resident_once",
    name: "测试",
    category: "测试",
    icon: "UserOutlined",
    description: "测试",
    purpose: "测试",
    fields: [{ key: "title", label: "事项", type: "text" }, ...fields],
    list: { columns: ["title", "status"] },
    workflow: {
      initial: "open",
      states: [
        { key: "open", label: "待处理", color: "blue" },
        { key: "done", label: "已办结", color: "success", terminal: true },
      ],
      transitions: [{ key: "finish", label: "办结", from: ["open"], to: "done", roles: ["community_admin"] }],
    },
    permissions: { community_admin: ["read", "create"] },
  });

  it("accepts one and refuses two, on the fields", () => {
    expect(parseServiceDefinition(definition([field]), fieldTypes).ok).toBe(true);
    const two = parseServiceDefinition(definition([field, { ...field, key: "spouse", label: "配偶" }]), fieldTypes);
    expect(two.ok ? [] : two.errors.map((e) => `${e.path} ${e.code}`)).toEqual(["fields resident_field_once"]);
  });
});
