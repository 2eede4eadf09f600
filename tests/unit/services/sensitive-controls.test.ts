// No masking by inference (issue #7, item 11): a sensitive field may not decide whether another
// field is shown or required, since everyone sees whether that field is there and filled.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseServiceDefinition } from "@/services/schema";
import { minimalDefinition } from "../support/minimal-definition";
import { fieldTypes } from "@/field-types";

function withCondition(name: "visibleWhen" | "requiredWhen", controlledIndex: number, controller: string) {
  const d = minimalDefinition();
  d.fields[controlledIndex][name] = { field: controller, op: "not_empty" };
  return d;
}

describe("a sensitive field controlling another field", () => {
  it("is refused in visibleWhen and requiredWhen, naming both fields in both languages", () => {
    for (const name of ["visibleWhen", "requiredWhen"] as const) {
      const result = parseServiceDefinition(withCondition(name, 3, "id_number"), fieldTypes);
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.errors).toEqual([
        expect.objectContaining({
          path: `fields[3].${name}.field`,
          code: "sensitive_controls_field",
          message_zh: expect.stringContaining('"id_number"'),
          message_en: expect.stringMatching(/Sensitive field "id_number" cannot be the condition of "result" \(/),
        }),
      ]);
    }
  });

  it("is refused when the controlled field is sensitive too: an empty answer stays empty when masked", () => {
    const d = minimalDefinition();
    d.fields.push({
      key: "bank_card",
      label: "银行卡号",
      type: "text",
      sensitive: true,
      purpose: "发放补贴",
      visibleWhen: { field: "id_number", op: "not_empty" },
    });
    const result = parseServiceDefinition(d, fieldTypes);
    expect(result.ok ? [] : result.errors.map((e) => `${e.path} ${e.code}`)).toEqual(["fields[4].visibleWhen.field sensitive_controls_field"]);
  });

  it("is allowed the other way round: a clear field may control a sensitive one", () => {
    const d = minimalDefinition();
    d.fields[2].visibleWhen = { field: "kind", op: "eq", value: "a" };
    expect(parseServiceDefinition(d, fieldTypes).ok).toBe(true);
    expect(parseServiceDefinition(withCondition("visibleWhen", 3, "kind"), fieldTypes).ok).toBe(true);
  });

  it("the veteran card template passes because its card type is no longer sensitive", () => {
    const veteran = JSON.parse(readFileSync("resources/services/veteran_card.json", "utf8")) as { fields: { key: string; sensitive?: boolean }[] };
    expect(parseServiceDefinition(veteran, fieldTypes).ok).toBe(true);
    const asBefore = { ...veteran, fields: veteran.fields.map((f) => (f.key === "card_type" ? { ...f, sensitive: true } : f)) };
    const result = parseServiceDefinition(asBefore, fieldTypes);
    expect(result.ok ? [] : [...new Set(result.errors.map((e) => e.code))]).toEqual(["sensitive_controls_field"]);
  });
});
