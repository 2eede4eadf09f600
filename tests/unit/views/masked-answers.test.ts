// Editing a record whose sensitive answers arrive masked: an untouched mask is "keep the
// original" and must not block saving; a changed or non-sensitive answer is still checked.
import { describe, expect, it } from "vitest";
import { isUntouchedMaskedAnswer, recordResolver } from "@/views/form/recordResolver";
import { template } from "./templates";

const elderly = template("elderly_benefit");
const stored = { applicant_id_number: "433**************5", applicant_phone: "139****1234", applicant_name: "彭秀英" };

describe("masked sensitive answers in the edit form", () => {
  it("an untouched masked answer of a sensitive field is left to the database", () => {
    expect(isUntouchedMaskedAnswer(elderly, "applicant_id_number", { applicant_id_number: "433**************5" }, stored)).toBe(true);
    expect(isUntouchedMaskedAnswer(elderly, "applicant_phone", { applicant_phone: "139****1234" }, stored)).toBe(true);
  });

  it("a changed answer, a non-sensitive field or a new record is still validated", () => {
    expect(isUntouchedMaskedAnswer(elderly, "applicant_id_number", { applicant_id_number: "433**************6" }, stored)).toBe(false);
    expect(isUntouchedMaskedAnswer(elderly, "applicant_name", { applicant_name: "彭秀英" }, stored)).toBe(false);
    expect(isUntouchedMaskedAnswer(elderly, "applicant_id_number", { applicant_id_number: "433**************5" }, {})).toBe(false);
  });

  it("the resolver reports a mistyped ID number but accepts the untouched mask", async () => {
    const texts = { unitRequired: "unit", rowIssue: () => "row" };
    const resolve = recordResolver(elderly, "zh", texts, () => new Date("2026-11-26"), stored);
    const base = {
      benefit_type: "card",
      applicant_name: "彭秀英",
      age: 80,
      grid: "g",
      address: "牯牛坪 3组",
      hukou_local: true,
      applicant_phone: "139****1234",
    };
    const kept = await resolve({ org_unit_id: "u", data: { ...base, applicant_id_number: "433**************5" } }, undefined, {
      fields: {},
      shouldUseNativeValidation: false,
    });
    expect(Object.keys(kept.errors.data ?? {})).not.toContain("applicant_id_number");
    expect(Object.keys(kept.errors.data ?? {})).not.toContain("applicant_phone");
    const mistyped = await resolve({ org_unit_id: "u", data: { ...base, applicant_id_number: "433101194503150021" } }, undefined, {
      fields: {},
      shouldUseNativeValidation: false,
    });
    expect(Object.keys(mistyped.errors.data ?? {})).toContain("applicant_id_number");
  });
});
