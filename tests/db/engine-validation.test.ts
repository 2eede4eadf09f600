// The database's record validation agrees with the browser's validateRecordData on the whole
// shared corpus (tests/shared/validation-corpus), case by case, and PostgREST inserts are
// refused with the field named.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fieldTypeKeys, fieldTypes, subTableColumnTypes } from "@/field-types";
import { validateRecordData } from "@/services/validateRecord";
import { validationCodes, type ValidationCode } from "@/contract";
import { loadValidationCorpus, type CorpusCase } from "../shared/validation-corpus/load-corpus";
import { as, createRecord, detailsOf, gridEventData, sql, unitId, UNITS } from "../support/engine-fixtures";

type Issue = { field: string; code: string; params: Record<string, unknown> };
const corpus = loadValidationCorpus();
const verdict = (issues: { field: string; code: string }[]) => issues.map((i) => `${i.field}:${i.code}`).sort();

async function databaseIssues(definition: unknown, data: unknown): Promise<Issue[]> {
  const [row] = await sql<{ issues: Issue[] }>("select private.validate_record_data($1::jsonb, $2::jsonb) as issues", [
    JSON.stringify(definition),
    JSON.stringify(data),
  ]);
  return row.issues;
}

/** The definition as written in its file, before parseServiceDefinition applies defaults. */
function rawDefinition(c: CorpusCase): unknown {
  const [kind, name] = c.definitionRef.split(":");
  if (kind === "corpus") return JSON.parse(readFileSync(join(import.meta.dirname, "../shared/validation-corpus/definitions", `${name}.json`), "utf8"));
  if (kind === "template") return JSON.parse(readFileSync(join(import.meta.dirname, "../../resources/services", `${name}.json`), "utf8"));
  return c.definition;
}

describe("private.validate_record_data on the shared corpus", () => {
  it.each(corpus.map((c) => ({ ...c, title: `${c.file} › ${c.name}` })))("$title", async (c) => {
    const client = validateRecordData(c.definition, c.data, { fieldTypes }).map((i) => ({ field: i.field, code: i.code }));
    const database = await databaseIssues(c.definition, c.data);
    expect(verdict(database)).toEqual(verdict(client));
    expect(verdict(database)).toEqual(verdict(c.expected.map((e) => ({ field: e.invalidField, code: e.code }))));
    // the stored JSON may lack the defaults zod fills in; the verdict must not change
    expect(verdict(await databaseIssues(rawDefinition(c), c.data))).toEqual(verdict(client));
  });

  it.each(corpus.filter((c) => c.derived).map((c) => ({ ...c, title: `${c.file} › ${c.name}` })))("derived values: $title", async (c) => {
    const [row] = await sql<{ values: Record<string, unknown> }>("select private.derive_record_values($1::jsonb, $2::jsonb, private.local_today()) as values", [
      JSON.stringify(rawDefinition(c)),
      JSON.stringify(c.data),
    ]);
    for (const [key, expected] of Object.entries(c.derived!)) expect({ key, value: row.values[key] ?? null }).toEqual({ key, value: expected });
  });

  it("reports the limits in params, as the messages need them", async () => {
    const c = corpus.find((x) => x.name === "number above max")!;
    expect(await databaseIssues(c.definition, c.data)).toEqual([{ field: "age", code: "max", params: { max: 150 } }]);
  });

  it("knows every field type of the registry and every sub-table column type", async () => {
    const [row] = await sql<{ types: string[]; columns: string[] }>(
      "select private.record_field_types() as types, private.sub_table_column_types() as columns",
    );
    expect([...row.types].sort()).toEqual([...fieldTypeKeys].sort());
    expect([...row.columns].sort()).toEqual([...subTableColumnTypes].sort());
  });

  it("words every code as validationCodes.ts does", async () => {
    for (const [code, { zh, en }] of Object.entries(validationCodes)) {
      const [row] = await sql<{ message: string }>("select private.validation_message($1, '{}') as message", [code]);
      expect({ code, message: row.message }).toEqual({ code: code as ValidationCode, message: `${zh} / ${en}` });
    }
  });
});

describe("records inserted through PostgREST are validated against their service version", () => {
  it("refuses invalid answers with HTTP 400, every problem as {field, code, params} and a bilingual hint", async () => {
    const staff = await as("staff");
    const data = { ...(await gridEventData()), urgency: "purple", title: 5, unexpected: true };
    const { data: row, error } = await createRecord(staff, "grid_event", UNITS.guniupingGrid1, data);
    expect(row).toBeNull();
    expect(error).toMatchObject({ code: "PT400", message: "record_invalid" });
    expect(verdict(detailsOf(error) as Issue[])).toEqual(["title:type", "unexpected:unknown_field", "urgency:choice"].sort());
    expect(error!.hint).toBe("事件标题：数据类型不正确 / Title: The value has the wrong type");
  });

  it("accepts the same record once the answers are right (positive control)", async () => {
    const staff = await as("staff");
    const { data: row, error } = await createRecord(staff, "grid_event", UNITS.guniupingGrid1, await gridEventData());
    expect(error).toBeNull();
    expect(row!.status).toBe("reported");
  });

  it("names the cell of a sub-table row and the hidden-field rules hold end to end", async () => {
    const staff = await as("staff");
    const base = {
      card_type: "veteran",
      applicant_name: "向德明",
      applicant_id_number: "433124193808080019",
      applicant_phone: "13907431234",
      community: "c",
      archive_registered: true,
      bank: "icbc",
      photo: [{ path: "p/1.jpg", name: "证件照.jpg", size: 40000, mime: "image/jpeg" }],
      service_branch: "pla",
      discharge_date: "1960-01-01",
    };
    const missing = await createRecord(staff, "veteran_card", UNITS.guniupingGrid1, { ...base, service_branch: null });
    expect(verdict(detailsOf(missing.error) as Issue[])).toEqual(["service_branch:required"]);
    // answers to fields hidden by visibleWhen are dropped, never stored
    const ok = await createRecord(staff, "veteran_card", UNITS.guniupingGrid1, { ...base, deceased_name: "不该保存" });
    expect(ok.error).toBeNull();
    expect(ok.data!.data).not.toHaveProperty("deceased_name");
  });

  it.each(corpus.filter((c) => c.file === "templates.json").map((c) => ({ ...c, title: c.name })))("template case through the API: $title", async (c) => {
    const staff = await as("staff");
    // a record-unit answer is the record's unit (recordUnit): the corpus's placeholder unit becomes the grid it is filed at
    const recordUnit = c.definition.fields.find((field) => field.recordUnit)?.key;
    const data = { ...(c.data as Record<string, unknown>) };
    if (recordUnit && typeof data[recordUnit] === "string") data[recordUnit] = await unitId(UNITS.guniupingGrid1);
    const { error } = await createRecord(staff, c.definition.key, UNITS.guniupingGrid1, data);
    if (c.expected.length === 0) expect(error).toBeNull();
    else expect(verdict(detailsOf(error) as Issue[])).toEqual(verdict(c.expected.map((e) => ({ field: e.invalidField, code: e.code }))));
  });
});
