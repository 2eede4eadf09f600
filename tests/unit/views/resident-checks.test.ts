// The record form with a picked person (issue 12, items 5 and 6 in the browser): the derived age
// comes from the person's facts (resident_facts) while the ID number is still the mask the
// person filled, and stops coming from them once staff type a number; eligibility[] is checked
// with the facts before submit, with the rule's own words at its field, as the database says it.
import { describe, expect, it } from "vitest";
import { recordResolver, type ResolverResident } from "@/views/form/recordResolver";
import { residentDerivedAges } from "@/views/form/residentPrefill";
import { template } from "./templates";

const elderly = template("elderly_benefit");
const texts = { unitRequired: "UNIT", rowIssue: (p: { row: number; column: string; message: string }) => `row ${p.row} ${p.column}: ${p.message}` };
const now = () => new Date("2026-11-26T08:00:00+08:00");
const options = { fields: {}, shouldUseNativeValidation: false };
const mask = "433**************5";
const prefilled = { applicant_name: "向德福", applicant_id_number: mask, applicant_phone: "139****0101", grid: "grid-1", address: "牯牛坪社区 2组 6号" };
const answers = {
  ...prefilled,
  applicant: "5f0c1e2a-7b3d-4c8e-9a1f-2d3e4f5a6b7c",
  benefit_type: "card",
  hukou_local: true,
  photo: [{ path: "u/1/file.png", name: "证件照.png", size: 68, mime: "image/png" }],
};

const resolve = (data: Record<string, unknown>, resident: ResolverResident) =>
  recordResolver(elderly, "zh", texts, now, {}, () => resident)({ org_unit_id: null, data }, undefined, options);

describe("residentDerivedAges", () => {
  it("gives the person's age to the age derived from the pre-filled ID number while it is the mask", () => {
    expect(residentDerivedAges(elderly.fields, prefilled, answers, 82)).toEqual({ age: 82 });
  });
  it("gives nothing once a number is typed over the mask, or when the age is unknown", () => {
    expect(residentDerivedAges(elderly.fields, prefilled, { ...answers, applicant_id_number: "433101194405010011" }, 82)).toEqual({});
    expect(residentDerivedAges(elderly.fields, prefilled, answers, null)).toEqual({});
    expect(residentDerivedAges(elderly.fields, {}, answers, 82)).toEqual({});
  });
});

describe("recordResolver with a picked person", () => {
  it("saves the person's age and passes the allowance rule (age ≥ 80) that reads it", async () => {
    const facts = { age: 82, tags: [] };
    const allowance = { ...answers, benefit_type: "allowance", photo: undefined, bank_card_no: "6222020200112233445" };
    const result = await resolve(allowance, { prefilled, derived: { age: 82 }, facts });
    expect(result.errors).toEqual({});
    expect(result.values).toMatchObject({ org_unit_id: "grid-1", data: { age: 82, applicant_id_number: mask } });
  });

  it("refuses the allowance for a person under 80 with the eligibility rule's words at its field", async () => {
    const facts = { age: 75, tags: [] };
    const allowance = { ...answers, benefit_type: "allowance", photo: undefined, bank_card_no: "6222020200112233445" };
    const result = await resolve(allowance, { prefilled, derived: { age: 75 }, facts });
    const message = (result.errors as { data?: Record<string, { message: string }> }).data?.benefit_type?.message;
    // the definition's rules[] (age from the answers) speaks first; both refuse
    expect(message).toMatch(/高龄津贴须年满 80 周岁/);
  });

  it("refuses the card under 60 with the eligibility rule's words (按居民档案), allows it at 60", async () => {
    const young = await resolve(answers, { prefilled, derived: {}, facts: { age: 59, tags: [] } });
    expect((young.errors as { data?: Record<string, { message: string }> }).data?.benefit_type?.message).toBe(
      "老年人优待证须年满 60 周岁（按居民档案中的出生日期计算）",
    );
    const sixty = await resolve(answers, { prefilled, derived: {}, facts: { age: 60, tags: [] } });
    expect(sixty.errors).toEqual({});
  });

  it("leaves eligibility to the database while the facts are unknown", async () => {
    const result = await resolve(answers, { prefilled, derived: {}, facts: null });
    expect(result.errors).toEqual({});
  });
});
