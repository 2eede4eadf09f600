// Issue 12, item 4, browser side: a transition's `tags` (写入居民档案) in the definition language —
// shape, the resident field it needs, the derived age kinds it may not write, one row per tag —
// as the database's private.check_transition_tags checks them (which also knows the kinds).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fieldTypes } from "@/field-types";
import { parseServiceDefinition } from "@/services/schema";
import { minimalDefinition } from "../support/minimal-definition";

const withResident = (json: ReturnType<typeof minimalDefinition>) => json.fields.push({ key: "applicant", label: "申请人", type: "resident" });

const errorsOf = (change: (d: ReturnType<typeof minimalDefinition>) => void) => {
  const json = minimalDefinition();
  change(json);
  const result = parseServiceDefinition(json, fieldTypes);
  return result.ok ? [] : result.errors.map(({ path, code }) => ({ path, code }));
};

describe("transition tags", () => {
  it("defaults to none and accepts set / end with a note when the form links a person", () => {
    const parsed = parseServiceDefinition(minimalDefinition(), fieldTypes);
    expect(parsed.ok && parsed.definition.workflow.transitions[0].tags).toEqual([]);
    expect(
      errorsOf((d) => {
        withResident(d);
        d.workflow.transitions[0].tags = [
          { tag: "dibao", action: "set", note: "批准低保" },
          { tag: "tekun", action: "end" },
        ];
      }),
    ).toEqual([]);
  });

  it("needs a resident field", () => {
    expect(errorsOf((d) => (d.workflow.transitions[1].tags = [{ tag: "dibao", action: "set" }]))).toEqual([
      { path: "workflow.transitions[1].tags", code: "tags_need_resident_field" },
    ]);
  });

  it("refuses the derived age kinds, a tag twice, a bad action or key and unknown properties", () => {
    expect(
      errorsOf((d) => {
        withResident(d);
        d.workflow.transitions[0].tags = [
          { tag: "age_80_plus", action: "set" },
          { tag: "dibao", action: "set" },
          { tag: "dibao", action: "end" },
        ];
      }),
    ).toEqual([
      { path: "workflow.transitions[0].tags[0].tag", code: "tag_derived" },
      { path: "workflow.transitions[0].tags[2].tag", code: "duplicate_key" },
    ]);
    expect(
      errorsOf((d) => {
        withResident(d);
        d.workflow.transitions[0].tags = [{ tag: "Dibao", action: "grant", valid_to: "2027-01-01" }];
      }),
    ).toEqual(
      expect.arrayContaining([
        { path: "workflow.transitions[0].tags[0].valid_to", code: "unknown_property" },
        { path: "workflow.transitions[0].tags[0].tag", code: "key_format" },
        { path: "workflow.transitions[0].tags[0].action", code: "invalid_value" },
      ]),
    );
  });

  it.each([
    ["elderly_benefit", "hand_over", "elderly_card_holder", "set"],
    ["disability_service", "hand_over", "disabled", "set"],
    ["disability_service", "county_cancel", "disabled", "end"],
    ["social_assistance", "stop_allowance", "dibao", "end"],
  ])("templates: %s's %s writes %s (%s)", (template, transition, tag, action) => {
    const parsed = parseServiceDefinition(JSON.parse(readFileSync(`resources/services/${template}.json`, "utf8")), fieldTypes);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.definition.workflow.transitions.find((t) => t.key === transition)?.tags).toEqual([expect.objectContaining({ tag, action })]);
  });
});
