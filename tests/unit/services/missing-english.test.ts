import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fieldTypes } from "@/field-types";
import { parseServiceDefinition } from "@/services/schema";

const templatesDir = join(import.meta.dirname, "../../../resources/services");

const minimal = {
  key: "pets",
  name: "犬只登记",
  category: "社区服务",
  category_en: "Community services",
  icon: "HeartOutlined",
  description: "为居民办理犬只登记，用于测试英文缺失的提示。",
  purpose: "登记犬只",
  fields: [
    { key: "age", label: "年龄", label_en: "Age", type: "number", unit: "岁", help: "按实际年龄填写", placeholder: "如：3" },
    { key: "kind", label: "品种", type: "select", options: [{ value: "a", label: "中华田园犬" }] },
  ],
  list: { columns: ["age"] },
  workflow: { initial: "new", states: [{ key: "new", label: "新登记", label_en: "New", color: "blue" }], transitions: [] },
  permissions: { staff: ["read", "create"] },
};

describe("a definition without English twins", () => {
  it("still passes, with one warning per text a reader sees in Chinese only", () => {
    const result = parseServiceDefinition(minimal, fieldTypes);
    expect(result.ok || result.errors).toBe(true);
    if (!result.ok) return;
    expect(result.warnings?.map((w) => w.path).sort()).toEqual(
      [
        "name_en",
        "description_en",
        "purpose_en",
        "fields[0].unit_en",
        "fields[0].help_en",
        "fields[0].placeholder_en",
        "fields[1].label_en",
        "fields[1].options[0].label_en",
      ].sort(),
    );
    expect(result.warnings?.[0]).toMatchObject({ code: "english_missing", message_en: expect.stringContaining("English readers will see") });
  });

  it("warns about nothing once every text has its English", () => {
    const complete = {
      ...minimal,
      name_en: "Dog registration",
      description_en: "Registers residents' dogs.",
      purpose_en: "Register dogs",
      fields: [
        { ...minimal.fields[0], unit_en: "years", help_en: "The real age", placeholder_en: "e.g. 3" },
        { ...minimal.fields[1], label_en: "Breed", options: [{ value: "a", label: "中华田园犬", label_en: "Chinese rural dog" }] },
      ],
    };
    const result = parseServiceDefinition(complete, fieldTypes);
    expect(result.ok && result.warnings).toEqual([]);
  });
});

describe.each(readdirSync(templatesDir).filter((f) => f.endsWith(".json")))("template %s", (file) => {
  it("has the English of every label, help, placeholder, unit and heading it shows", () => {
    const result = parseServiceDefinition(JSON.parse(readFileSync(join(templatesDir, file), "utf8")), fieldTypes);
    expect(result.ok && result.warnings?.map((w) => `${w.path}: ${w.message_en}`)).toEqual([]);
  });
});
