// Issue 12, items 4 and 6, browser side: a condition on the answers (`when`, the language of
// rules[]) on a transition's tag write and on the actions of `duplicates` — the shape, the fields
// it reads (they exist, they are not sensitive), as the database's private.check_rule_condition
// checks them; the answers the form sends to find_duplicate_records; 社会救助's writes and rule.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fieldTypes } from "@/field-types";
import { duplicateAnswerKeys, parseServiceDefinition, type ServiceDefinition } from "@/services/schema";
import { minimalDefinition } from "../support/minimal-definition";

const withResident = (json: ReturnType<typeof minimalDefinition>) => json.fields.push({ key: "applicant", label: "申请人", type: "resident" });

const errorsOf = (change: (d: ReturnType<typeof minimalDefinition>) => void) => {
  const json = minimalDefinition();
  change(json);
  const result = parseServiceDefinition(json, fieldTypes);
  return result.ok ? [] : result.errors.map(({ path, code }) => ({ path, code }));
};

const kindIsA = { field: "kind", op: "eq", value: "a" };

describe("a tag write's when", () => {
  it("is accepted on fields that exist and are not sensitive", () => {
    expect(
      errorsOf((d) => {
        withResident(d);
        d.workflow.transitions[1].tags = [{ tag: "dibao", action: "set", when: kindIsA }];
      }),
    ).toEqual([]);
  });

  it("refuses an unknown field, a sensitive one and a malformed condition, at the write's when", () => {
    expect(
      errorsOf((d) => {
        withResident(d);
        d.workflow.transitions[1].tags = [
          { tag: "dibao", action: "set", when: { field: "nope", op: "eq", value: "a" } },
          { tag: "tekun", action: "set", when: { field: "id_number", op: "not_empty" } },
        ];
      }),
    ).toEqual([
      { path: "workflow.transitions[1].tags[0].when", code: "unknown_field_ref" },
      { path: "workflow.transitions[1].tags[1].when", code: "sensitive_controls_field" },
    ]);
    expect(
      errorsOf((d) => {
        withResident(d);
        d.workflow.transitions[1].tags = [{ tag: "dibao", action: "set", when: { field: "kind", op: "like", value: "a" } }];
      }),
    ).toEqual([{ path: "workflow.transitions[1].tags[0].when.op", code: "invalid_value" }]);
  });
});

describe("duplicates with when", () => {
  it("keeps the plain actions valid and accepts a conditional open and held", () => {
    expect(errorsOf((d) => (d.duplicates = { match: ["kind"], open: "warn", held: { states: ["done"], action: "refuse" } }))).toEqual([]);
    const json = minimalDefinition();
    json.duplicates = {
      match: ["kind"],
      open: { action: "refuse", when: kindIsA, otherwise: "warn" },
      held: { states: ["done"], action: "warn", when: { field: "name", op: "not_empty" } },
    };
    const parsed = parseServiceDefinition(json, fieldTypes);
    expect(parsed.ok && parsed.definition.duplicates).toEqual(json.duplicates);
  });

  it("refuses a bad action, an unknown or sensitive field, unknown keys, at their paths", () => {
    expect(errorsOf((d) => (d.duplicates = { open: { action: "block", when: kindIsA } }))).toEqual([{ path: "duplicates.open.action", code: "invalid_value" }]);
    expect(errorsOf((d) => (d.duplicates = { open: { action: "refuse", otherwise: "ask" } }))).toEqual([
      { path: "duplicates.open.otherwise", code: "invalid_value" },
    ]);
    expect(errorsOf((d) => (d.duplicates = { open: "block" }))).toEqual([{ path: "duplicates.open", code: "invalid_value" }]);
    expect(errorsOf((d) => (d.duplicates = { open: { action: "refuse", unless: kindIsA } }))).toEqual([
      { path: "duplicates.open.unless", code: "unknown_property" },
    ]);
    expect(
      errorsOf(
        (d) =>
          (d.duplicates = {
            open: { action: "refuse", when: { field: "nope", op: "empty" } },
            held: { states: ["done"], action: "warn", when: { field: "id_number", op: "not_empty" } },
          }),
      ),
    ).toEqual([
      { path: "duplicates.open.when", code: "unknown_field_ref" },
      { path: "duplicates.held.when", code: "sensitive_controls_field" },
    ]);
  });

  it("the form sends the answers the rule reads: match fields and the fields of its conditions", () => {
    const json = minimalDefinition();
    json.duplicates = {
      match: ["kind"],
      open: { action: "refuse", when: { field: "name", op: "eq", value: "x" } },
      held: { states: ["done"], action: "warn" },
    };
    const parsed = parseServiceDefinition(json, fieldTypes);
    expect(parsed.ok && duplicateAnswerKeys(parsed.definition.duplicates)).toEqual(["kind", "name"]);
    expect(duplicateAnswerKeys(undefined)).toEqual([]);
  });
});

describe("社会救助 (social_assistance)", () => {
  const parsed = parseServiceDefinition(JSON.parse(readFileSync("resources/services/social_assistance.json", "utf8")), fieldTypes);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => `${e.path}: ${e.message_en}`).join("\n"));
  const definition: ServiceDefinition = parsed.definition;
  const dibao = { field: "assistance_type", op: "eq", value: "dibao" };

  it("街道审核确认 sets 低保 only when the application is for 低保 (the option value of 救助类型)", () => {
    const confirm = definition.workflow.transitions.find((t) => t.key === "confirm");
    expect(confirm?.tags).toEqual([expect.objectContaining({ tag: "dibao", action: "set", when: dibao })]);
    const type = definition.fields.find((f) => f.key === "assistance_type");
    expect(type?.options).toEqual(expect.arrayContaining([expect.objectContaining({ value: "dibao" })]));
  });

  it("refuses a second open 低保 and only warns for 临时救助", () => {
    expect(definition.duplicates).toEqual({ match: ["assistance_type"], open: { action: "refuse", when: dibao, otherwise: "warn" } });
  });
});
