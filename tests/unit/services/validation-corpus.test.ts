import { describe, expect, it } from "vitest";
import { fieldTypeKeys, fieldTypes } from "@/field-types";
import { deriveRecordValues, localIsoDate } from "@/services/deriveValues";
import { validateRecordData } from "@/services/validateRecord";
import { loadValidationCorpus } from "../../shared/validation-corpus/load-corpus";

const corpus = loadValidationCorpus();
const sortIssues = (issues: { invalidField: string; code: string }[]) =>
  [...issues].sort((a, b) => `${a.invalidField}:${a.code}`.localeCompare(`${b.invalidField}:${b.code}`));

describe("shared validation corpus through validateRecordData", () => {
  it.each(corpus.map((c) => ({ ...c, title: `${c.file} › ${c.name}` })))("$title", ({ definition, data, expected }) => {
    const issues = validateRecordData(definition, data, { fieldTypes }).map((issue) => ({ invalidField: issue.field, code: issue.code }));
    expect(sortIssues(issues)).toEqual(sortIssues(expected));
  });

  it.each(corpus.filter((c) => c.derived).map((c) => ({ ...c, title: `${c.file} › ${c.name}` })))("derived values: $title", ({ definition, data, derived }) => {
    const values = deriveRecordValues(definition.fields, data as Record<string, unknown>, fieldTypes, localIsoDate(new Date()));
    for (const [key, expected] of Object.entries(derived!)) expect({ key, value: values[key] ?? null }).toEqual({ key, value: expected });
  });

  it("every issue carries both messages", () => {
    for (const c of corpus) {
      for (const issue of validateRecordData(c.definition, c.data, { fieldTypes })) {
        expect(issue.message_zh).toMatch(/[\u4e00-\u9fff]/);
        expect(issue.message_en).toMatch(/^[\x20-\x7e]+$/);
      }
    }
  });

  it("covers every field type with a valid and an invalid case", () => {
    const coverage = new Map(fieldTypeKeys.map((key) => [key, { valid: false, invalid: false }]));
    for (const c of corpus) {
      const fields = new Map(c.definition.fields.map((f) => [f.key, f.type]));
      const record = typeof c.data === "object" && c.data !== null ? Object.keys(c.data) : [];
      const failing = new Set(c.expected.map((e) => e.invalidField.replace(/\[.*$/, "")));
      for (const key of record) {
        const type = fields.get(key);
        const entry = type === undefined ? undefined : coverage.get(type as (typeof fieldTypeKeys)[number]);
        if (!entry) continue;
        if (failing.has(key)) entry.invalid = true;
        else if (c.expected.length === 0) entry.valid = true;
      }
    }
    const missing = [...coverage].filter(([, seen]) => !seen.valid || !seen.invalid).map(([type, seen]) => ({ type, ...seen }));
    expect(missing).toEqual([]);
  });

  it("is big enough to mean something", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(150);
  });
});
