// Issue #9: derived values, rules and defaults as data, through PostgREST as the SPA sends them.
// The database recomputes derived values on every write (a forged age never reaches a record),
// refuses a record a rule refuses with the rule's own words, fills missing defaults on insert
// (current user = the inserting user), and refuses definitions whose derivations do not fit.
// The verdicts shared with the browser are the corpus's (engine-validation.test.ts).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { as, detailsOf, run, serviceId, sql, UNITS, unitId, type RecordRow } from "../support/engine-fixtures";

type Definition = Record<string, unknown> & { key: string; fields: Record<string, unknown>[] };

function definition(key: string): Definition {
  const json = JSON.parse(readFileSync(join(import.meta.dirname, "../shared/validation-corpus/definitions/derive_rules.json"), "utf8")) as Definition;
  json.key = key;
  json.fields.find((f) => f.key === "age")!.label_en = "Age";
  json.fields.push(
    { key: "reporter", label: "上报人", type: "user", default: { currentUser: true } },
    { key: "reported_on", label: "上报日期", type: "date", default: { today: true } },
    { key: "channel", label: "渠道", type: "text", default: "window" },
    { key: "grid", label: "所属网格", type: "org_unit", levels: ["grid"], recordUnit: true },
  );
  json.permissions = { staff: ["read", "create", "update"], grid_worker: ["read", "create"] };
  return json;
}

async function publish(def: Definition) {
  const admin = await as("admin");
  const created = await admin.rpc("create_service", { p_definition: def, p_owner_org_unit_id: await unitId(UNITS.guniuping) });
  expect(created.error).toBeNull();
  return admin.rpc("publish_service", { p_service_id: created.data.id, p_definition: null, p_expected_row_version: 1 });
}

const key = `derive_${run}`;
const ages = async (birth: string) => {
  const [row] = await sql<{ age: number; today: string }>(
    "select (extract(year from age(private.local_today(), $1::date)))::int as age, to_char(private.local_today(), 'YYYY-MM-DD') as today",
    [birth],
  );
  return row;
};
const rawData = async (id: string) =>
  (await sql<{ data: Record<string, unknown> }>("select private.record_raw_data(r) as data from public.records r where id = $1", [id]))[0].data;

async function insert(data: Record<string, unknown>, who: "staff" | "grid" = "staff", unit: string = UNITS.guniupingGrid1) {
  const client = await as(who);
  const { data: row, error } = await client
    .from("records")
    .insert({ service_id: await serviceId(key), org_unit_id: await unitId(unit), data })
    .select()
    .single();
  return { row: row as RecordRow | null, error };
}

beforeAll(async () => {
  const published = await publish(definition(key));
  expect(published.error).toBeNull();
});

describe("derived values are the database's, never the client's", () => {
  it("overwrites a forged age, birth date and sex on insert, from the raw (sensitive) ID number", async () => {
    const { row, error } = await insert({
      benefit_type: "card",
      applicant_id_number: "433124194003150010",
      age: 61,
      birth_date: "1990-01-01",
      sex: "female",
      income_a: 0.1,
      income_b: 0.2,
      income_total: 1000,
    });
    expect(error).toBeNull();
    const { age } = await ages("1940-03-15");
    expect(row!.data).toMatchObject({ age, sex: "male", income_total: 0.3 });
    // the birth date is sensitive (derived from a sensitive ID): masked in the answer, raw aside
    expect(row!.data.birth_date).not.toBe("1940-03-15");
    expect(await rawData(row!.id)).toMatchObject({ birth_date: "1940-03-15", age, applicant_id_number: "433124194003150010" });
  });

  it("recomputes on update_record: a forged age sent with the masked ID is replaced again", async () => {
    const { row } = await insert({ benefit_type: "card", applicant_id_number: "433124194003150010" });
    const staff = await as("staff");
    const updated = await staff.rpc("update_record", {
      p_id: row!.id,
      p_row_version: row!.row_version,
      p_data: { ...row!.data, age: 99, budget: 10, spent: 4 },
    });
    expect(updated.error).toBeNull();
    expect(updated.data.data).toMatchObject({ age: (await ages("1940-03-15")).age, remaining: 6 });
  });

  it("refuses an age the derivation makes out of range (the forged 70 does not help a 26-year-old)", async () => {
    const { row, error } = await insert({ benefit_type: "card", applicant_id_number: "433124200001010039", age: 70 });
    expect(row).toBeNull();
    expect(error).toMatchObject({ code: "PT400", message: "record_invalid" });
    expect(detailsOf(error)).toEqual([{ field: "age", code: "min", params: { min: 60 } }]);
  });
});

describe("rules[] are enforced by the database with the rule's words", () => {
  it("refuses the 80+ allowance for a 76-year-old (age derived from the ID), naming the rule in zh and en", async () => {
    const { row, error } = await insert({ benefit_type: "allowance", applicant_id_number: "433124194912310026", age: 85 });
    expect(row).toBeNull();
    expect(error).toMatchObject({ code: "PT400", message: "record_invalid" });
    expect(detailsOf(error)).toEqual([
      { field: "age", code: "rule", params: { message: "申请高龄津贴须年满 80 周岁", message_en: "The old-age allowance requires age 80 or over" } },
    ]);
    expect(error!.hint).toBe("年龄：申请高龄津贴须年满 80 周岁 / Age: The old-age allowance requires age 80 or over");
  });

  it("accepts the allowance for an 86-year-old (positive control)", async () => {
    const { error } = await insert({ benefit_type: "allowance", applicant_id_number: "433124194003150010" });
    expect(error).toBeNull();
  });

  it("refuses a date after today and an end before its start; accepts them in order", async () => {
    const { today } = await ages("2000-01-01");
    const refused = await insert({
      benefit_type: "card",
      applicant_id_number: "433124194003150010",
      visit_date: "2999-01-01",
      start_date: today,
      end_date: "2000-01-01",
    });
    expect((detailsOf(refused.error) as { field: string; code: string }[]).map((i) => `${i.field}:${i.code}`).sort()).toEqual([
      "end_date:rule",
      "visit_date:rule",
    ]);
    const accepted = await insert({
      benefit_type: "card",
      applicant_id_number: "433124194003150010",
      visit_date: today,
      start_date: "2000-01-01",
      end_date: today,
    });
    expect(accepted.error).toBeNull();
  });
});

describe("defaults as data", () => {
  it("fills the current user, today and a constant when the client leaves them out", async () => {
    const staff = await as("staff");
    const { data: user } = await staff.auth.getUser();
    const { row, error } = await insert({ benefit_type: "card", applicant_id_number: "433124194003150010" });
    expect(error).toBeNull();
    expect(row!.data).toMatchObject({ reporter: user.user!.id, reported_on: (await ages("2000-01-01")).today, channel: "window" });
  });

  it("keeps what the client sent: a default fills only a missing answer", async () => {
    const { row, error } = await insert({ benefit_type: "card", applicant_id_number: "433124194003150010", channel: "home_visit", reported_on: "2026-01-05" });
    expect(error).toBeNull();
    expect(row!.data).toMatchObject({ channel: "home_visit", reported_on: "2026-01-05" });
  });
});

describe("the record's unit from its record-unit field", () => {
  it("sets org_unit_id from the answer, whatever unit the client sent", async () => {
    const { row, error } = await insert(
      { benefit_type: "card", applicant_id_number: "433124194003150010", grid: await unitId(UNITS.guniupingGrid2) },
      "staff",
      UNITS.guniuping,
    );
    expect(error).toBeNull();
    expect(row!.org_unit_id).toBe(await unitId(UNITS.guniupingGrid2));
  });

  it("still meets the insert policy for the resulting unit: a grid worker cannot file into another grid by the answer", async () => {
    const own = await insert({ benefit_type: "card", applicant_id_number: "433124194003150010", grid: await unitId(UNITS.guniupingGrid1) }, "grid");
    expect(own.error).toBeNull();
    const other = await insert({ benefit_type: "card", applicant_id_number: "433124194003150010", grid: await unitId(UNITS.guniupingGrid2) }, "grid");
    expect(other.row).toBeNull();
    expect(other.error).toMatchObject({ code: "42501" });
  });
});

describe("the record-unit answer is kept for the record's life", () => {
  it("refuses an edit that moves the answer to another grid; an edit of another answer passes", async () => {
    const { row } = await insert({ benefit_type: "card", applicant_id_number: "433124194003150010", grid: await unitId(UNITS.guniupingGrid1) });
    const staff = await as("staff");
    const moved = await staff.rpc("update_record", {
      p_id: row!.id,
      p_row_version: row!.row_version,
      p_data: { ...row!.data, grid: await unitId(UNITS.guniupingGrid2) },
    });
    expect(moved.error).toMatchObject({ code: "PT400", message: "record_unit_fixed" });
    const kept = await staff.rpc("update_record", { p_id: row!.id, p_row_version: row!.row_version, p_data: { ...row!.data, budget: 10 } });
    expect(kept.error).toBeNull();
    expect(kept.data.org_unit_id).toBe(await unitId(UNITS.guniupingGrid1));
  });
});

describe("publish refuses derivations that do not fit", () => {
  it("a birth date in clear derived from a sensitive ID number, a loop, a default of the wrong type", async () => {
    const def = definition(`derive_bad_${run}`);
    def.fields.find((f) => f.key === "birth_date")!.sensitive = false;
    def.fields.find((f) => f.key === "income_a")!.derive = { fn: "sum", of: ["income_total"] };
    def.fields.find((f) => f.key === "channel")!.default = { currentUser: true };
    const { error } = await publish(def);
    expect(error).toMatchObject({ code: "PT400", message: "definition_invalid" });
    const codes = (detailsOf(error) as { path: string; code: string }[]).map((e) => `${e.path}:${e.code}`);
    expect(codes).toEqual(
      expect.arrayContaining(["fields[2].sensitive:derive_birth_date_sensitive", "fields[7].derive:derive_cycle", "fields[20].default:default_type"]),
    );
  });

  it("a rule with an operator the engine does not know", async () => {
    const def = definition(`derive_op_${run}`);
    (def.rules as unknown[]).push({ require: { any: [{ field: "age", op: "between", value: 1 }] }, message: "x" });
    const { error } = await publish(def);
    expect((detailsOf(error) as { path: string; code: string }[]).map((e) => `${e.path}:${e.code}`)).toEqual(["rules[6].require:invalid_value"]);
  });

  it("a rule reading a field that does not exist", async () => {
    const def = definition(`derive_rule_${run}`);
    (def.rules as unknown[]).push({ require: { field: "nowhere", op: "not_empty" }, message: "x" });
    const { error } = await publish(def);
    expect((detailsOf(error) as { path: string; code: string }[]).map((e) => `${e.path}:${e.code}`)).toEqual(["rules[6]:unknown_field_ref"]);
  });
});
