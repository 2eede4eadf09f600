// The Excel import of records into a service (issue 12, item 7) through PostgREST as real
// users: import_records inserts each row through the normal insert path (create scope, every
// trigger), reports every bad row per field, writes all or nothing (a dry run nothing), refuses
// a service the caller may not create in, links a row to the person its applicant fields name
// (found or registered) as the resident field would, and marks the records' history as imported.
import { randomInt, randomUUID } from "node:crypto";
import type { SupabaseClient } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestWorld } from "../support/access-fixtures";
import { as, elderlyCardData, gridEventData, run, serviceId, sql, unitId, UNITS } from "../support/engine-fixtures";
import { idNumberCheckChar } from "@/field-types/id_number/gb11643";
import { syntheticIdNumber } from "../support/synthetic-residents";

const world = new TestWorld();
afterAll(() => world.cleanup());

const area = `4331${randomInt(50, 100)}`;
let next = randomInt(0, 1_000_000);
/** A fresh valid number of somebody born in 1930–1965 (60 or older: the card's eligibility holds). */
function freshId(): string {
  const n = next++;
  return syntheticIdNumber((n % 13_000) + 20_000 * (Math.floor(n / 13_000) % 1000), area);
}

type Issue = { row: number; column: string; code: string; message_zh: string; message_en: string };
type Outcome = { batch_id: string; created: number; errors: Issue[]; written: boolean };
type Row = { row: number; org_unit_id?: string | null; data: Record<string, unknown> };

async function importRecords(client: SupabaseClient, serviceKey: string, rows: Row[], options: { batch?: string; dryRun?: boolean } = {}) {
  const { data, error } = await client.rpc("import_records", {
    p_batch_id: options.batch ?? randomUUID(),
    p_service_id: await serviceId(serviceKey),
    p_rows: rows,
    p_dry_run: options.dryRun ?? false,
    p_file_name: "台账.xlsx",
  });
  return { data: data as Outcome | null, error };
}

async function mustImport(client: SupabaseClient, serviceKey: string, rows: Row[], options: { batch?: string; dryRun?: boolean } = {}): Promise<Outcome> {
  const { data, error } = await importRecords(client, serviceKey, rows, options);
  expect(error).toBeNull();
  return data!;
}

const titled = async (title: string) =>
  sql<{ id: string; org_unit_id: string; status: string }>("select id, org_unit_id, status from public.records where data ->> 'title' = $1", [title]);

let grid1: string;
let grid2: string;
beforeAll(async () => {
  grid1 = await unitId(UNITS.guniupingGrid1);
  grid2 = await unitId(UNITS.guniupingGrid2);
});

/** A grid event row whose title is unique to this run. */
async function eventRow(row: number, title: string, grid: string = UNITS.guniupingGrid1): Promise<Row> {
  return { row, org_unit_id: await unitId(grid), data: { ...(await gridEventData(grid)), title } };
}

describe("importing records", () => {
  it("creates every row through the normal path, marks its history as imported and notes the batch", async () => {
    const staff = await as("staff");
    const batch = randomUUID();
    const rows = [await eventRow(2, `导入事件甲 ${run}`), await eventRow(3, `导入事件乙 ${run}`, UNITS.guniupingGrid2)];
    expect(await mustImport(staff, "grid_event", rows, { batch })).toMatchObject({ batch_id: batch, created: 2, errors: [], written: true });
    const [a] = await titled(`导入事件甲 ${run}`);
    const [b] = await titled(`导入事件乙 ${run}`);
    // the engine set unit (from the record-unit field), state and history as for the form
    expect(a).toMatchObject({ org_unit_id: grid1, status: "reported" });
    expect(b.org_unit_id).toBe(grid2);
    const [event] = await sql<{ kind: string; comment: string }>("select kind, comment from public.record_events where record_id = $1", [a.id]);
    expect(event).toEqual({ kind: "created", comment: `从表格导入（批次 ${batch}） / Imported from a sheet (batch ${batch})` });
    const [participant] = await sql("select 1 from public.record_participants where record_id = $1", [a.id]);
    expect(participant).toBeDefined();
    // a record the form creates says nothing of an import
    const formMade = await staff
      .from("records")
      .insert({ service_id: await serviceId("grid_event"), org_unit_id: grid1, data: await gridEventData() })
      .select("id")
      .single();
    expect((await sql<{ comment: string | null }>("select comment from public.record_events where record_id = $1", [formMade.data!.id]))[0].comment).toBeNull();
    expect((await staff.from("import_batches").select("target, service_id, row_count, created").eq("id", batch)).data).toEqual([
      { target: "records", service_id: await serviceId("grid_event"), row_count: 2, created: 2 },
    ]);
  });

  it("reports every bad row per field and writes none of the rows; a dry run writes nothing", async () => {
    const grid = await as("grid");
    const rows = [
      await eventRow(2, `好行 ${run}`),
      { ...(await eventRow(3, `缺项 ${run}`)), data: { ...(await eventRow(3, "")).data, title: "", urgency: "purple" } },
      await eventRow(4, `他人网格 ${run}`, UNITS.guniupingGrid2),
      { row: 5, data: "不是一行" as unknown as Record<string, unknown> },
    ];
    const outcome = await mustImport(grid, "grid_event", rows);
    expect(outcome.written).toBe(false);
    expect(outcome.errors.map(({ row, column, code }) => ({ row, column, code }))).toEqual([
      { row: 3, column: "title", code: "required" },
      { row: 3, column: "urgency", code: "choice" },
      { row: 4, column: "grid", code: "record_forbidden" },
      { row: 5, column: "", code: "row_invalid" },
    ]);
    expect(outcome.errors[0].message_zh).toContain("标题");
    expect(outcome.errors[2]).toMatchObject({
      message_zh: "您不能在此单位新建该服务的记录",
      message_en: "You may not create records of this service at this unit",
    });
    expect(await titled(`好行 ${run}`)).toEqual([]);

    const dry = await mustImport(grid, "grid_event", [await eventRow(2, `试算 ${run}`)], { dryRun: true });
    expect(dry).toMatchObject({ created: 1, errors: [], written: false });
    expect(await titled(`试算 ${run}`)).toEqual([]);
  });

  it("refuses a service the caller may not create in, an unknown service and more than 2,000 rows", async () => {
    const row = await eventRow(2, `无权 ${run}`);
    expect((await importRecords(await as("leader"), "grid_event", [row])).error).toMatchObject({ code: "PT403", message: "import_forbidden" });
    // a volunteer creates grid events but no 老年优待证
    const volunteer = await world.person("volunteer-create", { role: "volunteer", unitCode: UNITS.guniuping });
    expect((await importRecords(volunteer.client, "elderly_benefit", [{ row: 2, org_unit_id: grid1, data: {} }])).error).toMatchObject({
      code: "PT403",
      message: "import_forbidden",
    });
    const unknown = await (await as("staff")).rpc("import_records", { p_batch_id: randomUUID(), p_service_id: randomUUID(), p_rows: [] });
    expect(unknown.error).toMatchObject({ code: "PT404", message: "service_not_found" });
    const oversize = await importRecords(
      await as("staff"),
      "grid_event",
      Array.from({ length: 2001 }, (_, i) => ({ ...row, row: i + 2 })),
    );
    expect(oversize.error).toMatchObject({ code: "CGX01", message: "import_too_many_rows" });
    expect(await titled(`无权 ${run}`)).toEqual([]);
  });
});

describe("applicants of imported records", () => {
  // 老年优待证 answers as the form sends them, without the applicant (resident) field and the derived age
  let answers: Record<string, unknown>;
  beforeAll(async () => {
    const { age: _age, ...rest } = await elderlyCardData();
    answers = rest;
  });
  const card = (row: number, name: string, idNumber: string): Row => ({
    row,
    org_unit_id: null,
    data: { ...answers, applicant_name: name, applicant_id_number: idNumber, applicant_phone: "13907431234" },
  });

  it("links a row to the registered person its ID number names, or registers them from the answers (source import)", async () => {
    const staff = await as("staff");
    const known = freshId();
    await sql("insert into public.residents (name, id_number, grid_org_unit_id) values ($1, $2, $3)", [`已登记${run}`, known, grid1]);
    const [{ id: knownId }] = await sql<{ id: string }>("select private.resident_by_id_number($1) id", [known]);
    const fresh = freshId();
    const batch = randomUUID();
    const outcome = await mustImport(staff, "elderly_benefit", [card(2, `已登记${run}`, known.toLowerCase()), card(3, `新申请人${run}`, fresh)], { batch });
    expect(outcome).toMatchObject({ created: 2, errors: [], written: true });
    const linked = await sql<{ resident_id: string; applicant: string; name: string }>(
      "select resident_id, data ->> 'applicant' applicant, data ->> 'applicant_name' name from public.records where data ->> 'applicant_name' in ($1, $2) order by created_at, name",
      [`已登记${run}`, `新申请人${run}`],
    );
    const [{ id: freshPerson }] = await sql<{ id: string }>("select private.resident_by_id_number($1) id", [fresh]);
    expect(freshPerson).not.toBeNull();
    expect(linked).toEqual(
      expect.arrayContaining([
        { resident_id: knownId, applicant: knownId, name: `已登记${run}` },
        { resident_id: freshPerson, applicant: freshPerson, name: `新申请人${run}` },
      ]),
    );
    const [person] = await sql<{ name: string; grid_org_unit_id: string; phone: string }>(
      "select name, grid_org_unit_id, phone from public.residents where id = $1",
      [freshPerson],
    );
    expect(person).toEqual({ name: `新申请人${run}`, grid_org_unit_id: grid1, phone: "139****1234" });
    expect(await sql("select kind, source, source_ref from public.resident_events where resident_id = $1", [freshPerson])).toEqual([
      { kind: "created", source: "import", source_ref: batch },
    ]);
  });

  it("holds linked rows to the service's applicant rules: a second open application in the same call is that row's error, and nobody is registered", async () => {
    const staff = await as("staff");
    const fresh = freshId();
    const young = `${area}20010101123`;
    const outcome = await mustImport(staff, "elderly_benefit", [
      card(2, `重复${run}`, fresh),
      card(3, `重复${run}`, fresh),
      card(4, `年轻${run}`, young + idNumberCheckChar(young)),
    ]);
    expect(outcome.written).toBe(false);
    expect(outcome.errors.map(({ row, column, code }) => ({ row, column, code }))).toEqual([
      { row: 3, column: "", code: "duplicate_application" },
      { row: 4, column: "age", code: "min" },
    ]);
    expect((await sql<{ id: string | null }>("select private.resident_by_id_number($1) id", [fresh]))[0].id).toBeNull();
  });

  it("leaves a row unlinked when the person lives where the caller may not see them", async () => {
    const grid = await as("grid");
    const elsewhere = freshId();
    await sql("insert into public.residents (name, id_number, grid_org_unit_id) values ($1, $2, $3)", [`第二网格${run}`, elsewhere, grid2]);
    const outcome = await mustImport(grid, "elderly_benefit", [card(2, `第二网格${run}`, elsewhere)]);
    expect(outcome).toMatchObject({ created: 1, errors: [], written: true });
    const [record] = await sql<{ resident_id: string | null }>("select resident_id from public.records where data ->> 'applicant_name' = $1", [
      `第二网格${run}`,
    ]);
    expect(record.resident_id).toBeNull();
  });
});

describe("the remembered column mapping of a service", () => {
  it("is saved by whoever may create its records and read by its readers; others may not", async () => {
    const mapping = { 事件标题: "title", 紧急程度: "urgency" };
    const staff = await as("staff");
    const service = await serviceId("grid_event");
    const saved = await staff.rpc("save_import_mapping", { p_target: "records", p_service_id: service, p_mapping: mapping });
    expect(saved.error).toBeNull();
    const leader = await as("leader");
    expect((await leader.from("import_mappings").select("mapping").eq("target", "records").eq("service_id", service)).data).toEqual([{ mapping }]);
    expect((await leader.rpc("save_import_mapping", { p_target: "records", p_service_id: service, p_mapping: {} })).error).toMatchObject({
      code: "PT403",
      message: "import_mapping_forbidden",
    });
    // a volunteer creates grid events (may save) but reads no 老年优待证 (sees no mapping of it)
    const volunteer = await world.person("volunteer", { role: "volunteer", unitCode: UNITS.guniuping });
    expect((await volunteer.client.rpc("save_import_mapping", { p_target: "records", p_service_id: service, p_mapping: mapping })).error).toBeNull();
    const elderly = await serviceId("elderly_benefit");
    expect((await staff.rpc("save_import_mapping", { p_target: "records", p_service_id: elderly, p_mapping: { 姓名: "applicant_name" } })).error).toBeNull();
    expect((await volunteer.client.from("import_mappings").select("mapping").eq("service_id", elderly)).data).toEqual([]);
    expect((await volunteer.client.rpc("save_import_mapping", { p_target: "records", p_service_id: elderly, p_mapping: {} })).error).toMatchObject({
      message: "import_mapping_forbidden",
    });
    expect((await sql<{ mapping: unknown }>("select mapping from public.import_mappings where service_id = $1", [elderly]))[0].mapping).toEqual({
      姓名: "applicant_name",
    });
  });
});
