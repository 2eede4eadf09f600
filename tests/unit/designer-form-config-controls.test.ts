// The config panel's controls come from each type's zod configSchema (configControls), and the
// form's layout keys (section, width) parse and lay out as the record form shows them.
import { describe, expect, it } from "vitest";
import { fieldTypeKeys, fieldTypes } from "@/field-types";
import { configControls } from "@/pages/designer/form/configControls";
import { patternPresets } from "@/pages/designer/form/patternPresets";
import { parseServiceDefinition } from "@/services/schema";
import { formSections } from "@/views/form/formSections";
import { minimalDefinition } from "./support/minimal-definition";

describe("designer form: controls from a type's config schema", () => {
  it.each(fieldTypeKeys)("every option of %s has a control (or is the common placeholder)", (type) => {
    const schema = fieldTypes[type].configSchema;
    const controls = configControls(schema);
    const covered = new Set(controls.flatMap((control) => (control.kind === "text" && control.enKey ? [control.key, control.enKey] : [control.key])));
    for (const key of Object.keys(schema.shape)) expect(covered.has(key) || key.startsWith("placeholder")).toBe(true);
  });

  it("reads kinds, bounds and English twins from the schemas", () => {
    expect(configControls(fieldTypes.text.configSchema)).toEqual([
      { key: "minLength", kind: "number", integer: true, min: 0, max: undefined },
      { key: "maxLength", kind: "number", integer: true, min: 1, max: undefined },
      { key: "pattern", kind: "text" },
      { key: "pattern_message", kind: "text", enKey: "pattern_message_en" },
    ]);
    expect(configControls(fieldTypes.select.configSchema)).toEqual([
      { key: "options", kind: "options" },
      { key: "display", kind: "enum", values: ["dropdown", "radio"] },
    ]);
    expect(configControls(fieldTypes.number.configSchema)).toContainEqual({ key: "integer", kind: "boolean" });
    expect(configControls(fieldTypes.org_unit.configSchema)).toEqual([
      { key: "levels", kind: "enumList", values: ["prefecture", "county", "street", "community", "grid"] },
    ]);
    expect(configControls(fieldTypes.attachment.configSchema)).toContainEqual({ key: "accept", kind: "tags" });
    expect(configControls(fieldTypes.sub_table.configSchema)[0]).toEqual({ key: "columns", kind: "columns" });
    expect(configControls(fieldTypes.textarea.configSchema)).toContainEqual({ key: "rows", kind: "number", integer: true, min: 2, max: 20 });
  });
});

describe("designer form: format presets", () => {
  const samples: Record<string, [string, string]> = {
    postcode: ["416000", "41600"],
    credit_code: ["91433100MA4L0XXX7B", "91433100MA4L0XXX7"],
    plate: ["湘U12345", "U12345"],
    digits: ["00123", "12a"],
    email: ["a@b.cn", "a@b"],
  };

  it.each(patternPresets.map((preset) => [preset.key, preset] as const))("%s is a text option the schema accepts and reads right", (key, preset) => {
    const field = {
      key: "code",
      label: "编码",
      type: "text",
      pattern: preset.pattern,
      pattern_message: preset.message.zh,
      pattern_message_en: preset.message.en,
    };
    expect(fieldTypes.text.configSchema.safeParse({ pattern: field.pattern, pattern_message: field.pattern_message }).success).toBe(true);
    const [good, bad] = samples[key];
    expect(new RegExp(preset.pattern, "u").test(good)).toBe(true);
    expect(new RegExp(preset.pattern, "u").test(bad)).toBe(false);
  });
});

describe("form layout: section and width", () => {
  const withLayout = () => {
    const definition = minimalDefinition();
    definition.fields[0] = { ...definition.fields[0], section: "申请人", section_en: "Applicant", width: "half" };
    definition.fields[2] = { ...definition.fields[2], section: "申请人", width: "half" };
    definition.fields[1] = { ...definition.fields[1], section: "申请事项" };
    return definition;
  };

  it("parses section, section_en and width, and refuses another width or an empty section", () => {
    const ok = parseServiceDefinition(withLayout(), fieldTypes);
    expect(ok.ok && ok.definition.fields[0]).toMatchObject({ section: "申请人", section_en: "Applicant", width: "half" });
    const bad = withLayout();
    bad.fields[0].width = "third";
    bad.fields[1].section = " ";
    const refused = parseServiceDefinition(bad, fieldTypes);
    expect(refused.ok ? [] : refused.errors.map((error) => `${error.path} ${error.code}`)).toEqual([
      "fields[0].width invalid_value",
      "fields[1].section empty",
    ]);
  });

  it("groups sections in order of first appearance and pairs half-width fields", () => {
    const parsed = parseServiceDefinition(withLayout(), fieldTypes);
    if (!parsed.ok) throw new Error("expected a valid definition");
    const sections = formSections(parsed.definition.fields, "en").map((section) => ({
      heading: section.heading,
      rows: section.rows.map((row) => row.map((field) => field.key)),
    }));
    expect(sections).toEqual([
      { heading: "Applicant", rows: [["name", "id_number"]] },
      { heading: "申请事项", rows: [["kind"]] },
      { heading: null, rows: [["result"]] },
    ]);
  });
});
