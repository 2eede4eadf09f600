// Sensitive tag kinds hidden from a reader without view_sensitive (public.resident_facts'
// hidden_kinds): the form never refuses on a tag it cannot see — a rule reading a hidden kind is
// left to the database, which reads every tag — while rules on visible kinds and on age still run.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fieldTypes } from "@/field-types";
import { eligibilityIssues, parseServiceDefinition, type ServiceDefinition } from "@/services/schema";

const template = (key: string): ServiceDefinition => {
  const parsed = parseServiceDefinition(JSON.parse(readFileSync(`resources/services/${key}.json`, "utf8")), fieldTypes);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => `${e.path}: ${e.message_en}`).join("\n"));
  return parsed.definition;
};

const TODAY = "2026-11-30";
const hiddenKinds = ["veteran", "disabled", "dibao", "tekun", "left_behind_child"];

describe("eligibility with hidden tag kinds", () => {
  const veteran = template("veteran_card");
  const disability = template("disability_service");
  const elderly = template("elderly_benefit");

  it("leaves a rule on a hidden kind to the database instead of refusing", () => {
    expect(eligibilityIssues(veteran.eligibility, { card_type: "veteran" }, { age: 60, tags: [], hiddenKinds }, TODAY)).toEqual([]);
    expect(eligibilityIssues(disability.eligibility, { service: "living_subsidy" }, { age: 40, tags: [], hiddenKinds }, TODAY)).toEqual([]);
    // the same person seen by a holder of view_sensitive, without the tag: refused, as the database refuses
    expect(eligibilityIssues(veteran.eligibility, { card_type: "veteran" }, { age: 60, tags: [], hiddenKinds: [] }, TODAY)).toHaveLength(1);
    expect(eligibilityIssues(disability.eligibility, { service: "living_subsidy" }, { age: 40, tags: [] }, TODAY)).toHaveLength(1);
  });

  it("still checks rules on visible kinds and on age", () => {
    expect(eligibilityIssues(elderly.eligibility, { benefit_type: "allowance" }, { age: 79, tags: [], hiddenKinds }, TODAY)).toHaveLength(1);
    const onVolunteer = [{ require: { resident: "tags" as const, op: "in" as const, value: ["volunteer", "party_member"] }, message: "须为志愿者或党员" }];
    expect(eligibilityIssues(onVolunteer, {}, { age: 30, tags: [], hiddenKinds }, TODAY)).toHaveLength(1);
    expect(eligibilityIssues(onVolunteer, {}, { age: 30, tags: ["volunteer"], hiddenKinds }, TODAY)).toEqual([]);
    // a list naming a hidden kind among others: unknown, left to the database
    const mixed = [{ require: { resident: "tags" as const, op: "in" as const, value: ["volunteer", "dibao"] }, message: "须为志愿者或低保" }];
    expect(eligibilityIssues(mixed, {}, { age: 30, tags: [], hiddenKinds }, TODAY)).toEqual([]);
  });
});
