// The measured figure of issue 12 (scripts/measure-resident-typing.ts): what staff type for a new
// resident against a registered one and a returning one (registered and applied before).
// 老年优待证's counts are the ones the e2e elderly-card-returning-resident.spec.ts types (it fills
// exactly REGISTRY_INPUTS inputs the first time and RETURNING_INPUTS after an application, the
// photo then copied from it), so a change to the template or to the rule shows here and there.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { measureTemplates, typingTable } from "../../../scripts/measure-resident-typing";

const counts = measureTemplates(join(__dirname, "../../../resources/services"));

describe("measure-resident-typing", () => {
  it("measures every template with a resident field", () => {
    expect(counts.map((c) => c.key)).toEqual(["disability_service", "elderly_benefit", "migrant_registration", "social_assistance", "veteran_card"]);
  });

  it("老年优待证: 8 inputs for a new resident, 3 for a registered one (the pick, 申请事项, the photo), 2 for a returning one (the photo is copied)", () => {
    const elderly = counts.find((c) => c.key === "elderly_benefit")!;
    expect(elderly.newFields).toEqual(["benefit_type", "applicant_name", "applicant_id_number", "applicant_phone", "grid", "address", "hukou_local", "photo"]);
    expect(elderly.registryFields).toEqual(["applicant", "benefit_type", "photo"]);
    // the photo comes from the previous application (copied as the user's own upload); a card
    // application is not asked what else it reuses (the allowance's bank card, a proxy)
    expect(elderly.returningFields).toEqual(["applicant", "benefit_type"]);
    expect(elderly.personFields).toHaveLength(6);
  });

  it("a returning person (registered, applied before) types only what is new: the pick, what is applied for, this time's facts and documents", () => {
    const returning = Object.fromEntries(counts.map((c) => [c.key, c.returningFields]));
    expect(returning).toEqual({
      disability_service: ["applicant", "service"],
      elderly_benefit: ["applicant", "benefit_type"],
      migrant_registration: ["person", "address_proof"],
      social_assistance: ["applicant", "assistance_type", "hardship", "consent_form"],
      veteran_card: ["applicant"],
    });
    const ratio = (c: (typeof counts)[number]) => Math.round((100 * c.returningFields.length) / c.newFields.length);
    expect(Object.fromEntries(counts.map((c) => [c.key, ratio(c)]))).toEqual({
      disability_service: 29,
      elderly_benefit: 25,
      migrant_registration: 13,
      social_assistance: 33,
      veteran_card: 10,
    });
    // the photo is copied from the previous application; this application's documents (a proof
    // of the address lived at now, a signed authorisation) are uploaded again
    for (const c of counts) {
      expect(c.returningFields).not.toContain("photo");
      expect(c.returningFields.filter((key) => ["address_proof", "consent_form"].includes(key))).toEqual(
        c.newFields.filter((key) => ["address_proof", "consent_form"].includes(key)),
      );
    }
  });

  it("prints one table row per template", () => {
    expect(typingTable(counts).split("\n")).toHaveLength(2 + counts.length);
  });
});
