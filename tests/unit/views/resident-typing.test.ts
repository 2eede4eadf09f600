// The measured figure of issue 12 (scripts/measure-resident-typing.ts): what staff type for a new
// resident against a returning one. 老年优待证's counts are the ones the e2e
// elderly-card-returning-resident.spec.ts types (it fills exactly RETURNING_INPUTS inputs), so a
// change to the template or to the rule shows here and there.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { measureTemplates, typingTable } from "../../../scripts/measure-resident-typing";

const counts = measureTemplates(join(__dirname, "../../../resources/services"));

describe("measure-resident-typing", () => {
  it("measures every template with a resident field", () => {
    expect(counts.map((c) => c.key)).toEqual(["disability_service", "elderly_benefit", "migrant_registration", "social_assistance", "veteran_card"]);
  });

  it("老年优待证: 8 inputs for a new resident, 4 for a returning one (the pick, 申请事项, 户籍, photo)", () => {
    const elderly = counts.find((c) => c.key === "elderly_benefit")!;
    expect(elderly.newFields).toEqual(["benefit_type", "applicant_name", "applicant_id_number", "applicant_phone", "grid", "address", "hukou_local", "photo"]);
    expect(elderly.returningFields).toEqual(["applicant", "benefit_type", "hukou_local", "photo"]);
    expect(elderly.personFields).toHaveLength(5);
  });

  it("prints one table row per template", () => {
    expect(typingTable(counts).split("\n")).toHaveLength(2 + counts.length);
  });
});
