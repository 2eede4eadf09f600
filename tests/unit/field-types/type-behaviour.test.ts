import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fieldTypeKeys, fieldTypes, getFieldType } from "@/field-types";

/** SQL files that create functions: the migrations, and the routine files once they exist (DESIGN §3). */
const sqlFiles = ["supabase/migrations", "supabase/routines"]
  .map((dir) => join(import.meta.dirname, "../../..", dir))
  .filter((dir) => existsSync(dir))
  .flatMap((dir) =>
    readdirSync(dir, { recursive: true, encoding: "utf8" })
      .filter((name) => name.endsWith(".sql"))
      .map((name) => join(dir, name)),
  );
const createdFunctions = new Set(
  sqlFiles.flatMap((file) => [...readFileSync(file, "utf8").matchAll(/create (?:or replace )?function ([a-z_]+\.[a-z_0-9]+)\s*\(/g)]).map((match) => match[1]),
);

const field = (type: string, options: Record<string, unknown> = {}) => ({ key: "f", label: "F", type, ...options });
const choices = {
  options: [
    { value: "1", label: "男", label_en: "Male" },
    { value: "2", label: "女", label_en: "Female" },
  ],
};

describe("what a field type says about itself", () => {
  it.each(fieldTypeKeys)("%s names SQL routines that a migration creates", (key) => {
    const routines = fieldTypes[key].sqlRoutines;
    expect(routines).toContain("private.field_value_issue");
    for (const name of routines) expect(createdFunctions, name).toContain(name);
  });

  it("files and rows cannot be sorted; everything else can", () => {
    const unsortable = fieldTypeKeys.filter((key) => !fieldTypes[key].sortable).sort();
    expect(unsortable).toEqual(["attachment", "image", "sub_table"]);
  });

  it("names ids through the lookup the type asks for", () => {
    const lookups = { orgUnitName: () => "第一网格", userName: () => "田丽" };
    expect(getFieldType("s", "f", "org_unit").toText(field("org_unit"), "g1", { language: "zh", lookups })).toBe("第一网格");
    expect(getFieldType("s", "f", "user").toText(field("user"), "u1", { language: "zh", lookups })).toBe("田丽");
    expect(getFieldType("s", "f", "user").toText(field("user"), "u1", { language: "zh" })).toBe("u1");
  });

  it("reads answers back from text as the stored JSON type", () => {
    expect(getFieldType("s", "f", "number").fromText(field("number"), "82")).toBe(82);
    expect(getFieldType("s", "f", "number").fromText(field("number"), "abc")).toBeUndefined();
    expect(getFieldType("s", "f", "boolean").fromText(field("boolean"), "true")).toBe(true);
    expect(getFieldType("s", "f", "boolean").fromText(field("boolean"), "否")).toBe(false);
    expect(getFieldType("s", "f", "select").fromText(field("select", choices), "Female")).toBe("2");
    expect(getFieldType("s", "f", "select").fromText(field("select", choices), "1")).toBe("1");
    expect(getFieldType("s", "f", "attachment").fromText(field("attachment"), "a.pdf")).toBeUndefined();
  });

  it("writes choices by label, lists joined, rows as a count", () => {
    expect(getFieldType("s", "f", "multiselect").toText(field("multiselect", choices), ["1", "2"], { language: "zh" })).toBe("男、女");
    expect(getFieldType("s", "f", "multiselect").toText(field("multiselect", choices), ["1", "2"], { language: "en" })).toBe("Male, Female");
    expect(getFieldType("s", "f", "sub_table").toText(field("sub_table", { columns: [] }), [{}, {}], { language: "zh" })).toBe(2);
  });
});
