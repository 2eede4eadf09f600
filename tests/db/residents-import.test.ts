// The Excel import of residents (issue 12, item 7) through PostgREST as real users:
// import_residents upserts by ID number (15/18-digit and x/X spellings are one person) through
// the registry's own path, reports every bad row with its sheet row number and column, and
// writes all or nothing (a dry run writes nothing); tags and events say the import and batch
// they came from; scope per row and per caller; the 2,000-row limit; the remembered column
// mapping (import_mappings) read and written by whom it may be; and an import killed midway
// leaves no row and no batch behind.
import { randomInt, randomUUID } from "node:crypto";
import type { SupabaseClient } from "@supabase/supabase-js";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestWorld } from "../support/access-fixtures";
import { as, run, sql, unitId, UNITS } from "../support/engine-fixtures";
import { legacyIdNumber, syntheticIdNumber, syntheticResidentRow } from "../support/synthetic-residents";

const world = new TestWorld();
afterAll(() => world.cleanup());

// an area code of this file and run (433150–433199 are no real code of 湘西), so numbers never meet other tests'
const area = `4331${randomInt(50, 100)}`;
let next = randomInt(0, 1_000_000);
/** A fresh valid number; `last` forces its check character (e.g. X). */
function freshId(last?: string): string {
  for (;;) {
    const id = syntheticIdNumber(next++, area);
    if (last === undefined || id.endsWith(last)) return id;
  }
}

type Issue = { row: number; column: string; code: string; message_zh: string; message_en: string };
type Outcome = { batch_id: string; created: number; updated: number; unchanged: number; errors: Issue[]; written: boolean };
type Row = { row: number; values: Record<string, unknown> };

async function importRows(client: SupabaseClient, rows: Row[], options: { batch?: string; dryRun?: boolean; fileName?: string } = {}) {
  const { data, error } = await client.rpc("import_residents", {
    p_batch_id: options.batch ?? randomUUID(),
    p_rows: rows,
    p_dry_run: options.dryRun ?? false,
    p_file_name: options.fileName ?? null,
  });
  return { data: data as Outcome | null, error };
}

async function mustImport(client: SupabaseClient, rows: Row[], options: { batch?: string; dryRun?: boolean; fileName?: string } = {}): Promise<Outcome> {
  const { data, error } = await importRows(client, rows, options);
  expect(error).toBeNull();
  return data!;
}

/** The person holding a number, past RLS (the blind index, as the registry finds them). */
async function personOf(idNumber: string) {
  const [row] = await sql<{ id: string; name: string; phone: string | null; ethnicity: string | null; row_version: number; grid_org_unit_id: string }>(
    `select r.id, r.name, r.phone, r.ethnicity, r.row_version, r.grid_org_unit_id from public.residents r
      where r.id = private.resident_by_id_number(private.normalized_id_number($1))`,
    [idNumber],
  );
  return row;
}

const countNamed = async (pattern: string) => Number((await sql<{ n: string }>("select count(*) n from public.residents where name like $1", [pattern]))[0].n);
const batchRow = async (id: string) => (await sql("select * from public.import_batches where id = $1", [id]))[0];

let grid1: string;
let grid2: string;
let wanxiGrid: string;
beforeAll(async () => {
  grid1 = await unitId(UNITS.guniupingGrid1);
  grid2 = await unitId(UNITS.guniupingGrid2);
  wanxiGrid = await unitId(UNITS.wanxiGrid1);
});

describe("upsert by ID number", () => {
  it("registers new people, then updates the same person for the 15-digit and lower-case x spellings, never a second one", async () => {
    const staff = await as("staff");
    const withX = freshId("X");
    const legacyOne = freshId();
    const batch = randomUUID();
    const first = await mustImport(
      staff,
      [
        { row: 2, values: { name: `导入甲${run}`, id_number: withX, phone: "13807430001", grid_org_unit_id: grid1, ethnicity: "土家族", tags: ["veteran"] } },
        { row: 3, values: { name: `导入乙${run}`, id_number: legacyOne, grid_org_unit_id: UNITS.guniupingGrid2, marital_status: "已婚" } },
      ],
      { batch, fileName: "居民花名册.xlsx" },
    );
    expect(first).toMatchObject({ batch_id: batch, created: 2, updated: 0, unchanged: 0, errors: [], written: true });
    const a = await personOf(withX);
    const b = await personOf(legacyOne);
    expect(a).toMatchObject({ name: `导入甲${run}`, ethnicity: "15", grid_org_unit_id: grid1, row_version: 1 });
    expect(b).toMatchObject({ name: `导入乙${run}`, grid_org_unit_id: grid2 });

    // the second chunk of the same upload: other spellings of the same numbers
    const second = await mustImport(
      staff,
      [
        { row: 4, values: { id_number: withX.slice(0, 17) + "x", phone: "13807430002" } },
        { row: 5, values: { id_number: legacyIdNumber(legacyOne), name: `导入乙${run}`, address: "牯牛坪 5 组" } },
      ],
      { batch },
    );
    expect(second).toMatchObject({ created: 0, updated: 2, unchanged: 0, errors: [], written: true });
    expect(await personOf(withX)).toMatchObject({ id: a.id, name: `导入甲${run}`, phone: "138****0002", row_version: 2 });
    expect(await personOf(legacyOne)).toMatchObject({ id: b.id, row_version: 2 });
    const [{ n }] = await sql<{ n: string }>("select count(*) n from public.residents where name in ($1, $2)", [`导入甲${run}`, `导入乙${run}`]);
    expect(Number(n)).toBe(2);
    // the same values again: nothing changes, no version is taken
    const third = await mustImport(staff, [{ row: 6, values: { id_number: withX, phone: "13807430002", name: `导入甲${run}` } }], { batch });
    expect(third).toMatchObject({ created: 0, updated: 0, unchanged: 1, written: true });
    expect((await personOf(withX)).row_version).toBe(2);

    // the batch sums its chunks; its creator reads it, nobody else does
    expect(await batchRow(batch)).toMatchObject({
      target: "residents",
      service_id: null,
      file_name: "居民花名册.xlsx",
      row_count: 5,
      created: 2,
      updated: 2,
      unchanged: 1,
    });
    expect((await staff.from("import_batches").select("id, created").eq("id", batch)).data).toEqual([{ id: batch, created: 2 }]);
    expect((await (await as("grid")).from("import_batches").select("id").eq("id", batch)).data).toEqual([]);
  });

  it("adds tags with source import and the batch id unless the person holds them now, and every event says it came from the import", async () => {
    const staff = await as("staff");
    const id = freshId();
    const batch = randomUUID();
    await mustImport(staff, [{ row: 2, values: { name: "标签甲", id_number: id, grid_org_unit_id: grid1, tags: ["veteran", "低保"] } }], { batch });
    const person = await personOf(id);
    const tags = await sql<{ tag_key: string; source: string; source_batch_id: string; valid_to: string | null }>(
      "select tag_key, source, source_batch_id, valid_to from public.resident_tags where resident_id = $1 order by tag_key",
      [person.id],
    );
    expect(tags).toEqual([
      { tag_key: "dibao", source: "import", source_batch_id: batch, valid_to: null },
      { tag_key: "veteran", source: "import", source_batch_id: batch, valid_to: null },
    ]);
    // held already: not added again (the count stays unchanged); a new kind is
    const later = randomUUID();
    expect(await mustImport(staff, [{ row: 2, values: { id_number: id, tags: ["veteran"] } }], { batch: later })).toMatchObject({ unchanged: 1, updated: 0 });
    expect(await mustImport(staff, [{ row: 2, values: { id_number: id, tags: "veteran、党员" } }], { batch: later })).toMatchObject({ updated: 1 });
    const events = await sql<{ kind: string; source: string; source_ref: string }>(
      "select kind, source, source_ref from public.resident_events where resident_id = $1 order by id",
      [person.id],
    );
    expect(events).toEqual([
      { kind: "created", source: "import", source_ref: batch },
      { kind: "tag_added", source: "import", source_ref: batch },
      { kind: "tag_added", source: "import", source_ref: batch },
      { kind: "tag_added", source: "import", source_ref: later },
    ]);
    // staff read the tag's source through the API
    const seen = await staff.from("resident_tags").select("tag_key, source, source_batch_id").eq("resident_id", person.id).eq("tag_key", "party_member");
    expect(seen.data).toEqual([{ tag_key: "party_member", source: "import", source_batch_id: later }]);
  });
});

describe("households (户号, 与户主关系)", () => {
  const householdOf = async (idNumber: string) =>
    (
      await sql<{ household_id: string; relation: string; household_number: string; address: string; grid_org_unit_id: string }>(
        `select m.household_id, m.relation, h.household_number, h.address, h.grid_org_unit_id
           from public.household_members m join public.households h on h.id = m.household_id
          where m.resident_id = private.resident_by_id_number(private.normalized_id_number($1))`,
        [idNumber],
      )
    )[0];

  it("puts the rows of one number in one household with their relations, registered at the first row's grid and address", async () => {
    const staff = await as("staff");
    const number = `4331${run}${randomInt(1000, 9999)}`;
    const [head, spouse, grandson] = [freshId(), freshId(), freshId()];
    const batch = randomUUID();
    const outcome = await mustImport(
      staff,
      [
        {
          row: 2,
          values: { name: "户主甲", id_number: head, grid_org_unit_id: grid1, address: "牯牛坪 8 组 1 号", household_number: number, relation: "户主" },
        },
        { row: 3, values: { name: "配偶甲", id_number: spouse, grid_org_unit_id: grid1, household_number: number, relation: "10" } },
        { row: 4, values: { name: "孙子甲", id_number: grandson, grid_org_unit_id: grid1, household_number: number, relation: "孙子" } },
      ],
      { batch },
    );
    expect(outcome).toMatchObject({ created: 3, errors: [], written: true });
    const first = await householdOf(head);
    expect(first).toMatchObject({ relation: "02", household_number: number, address: "牯牛坪 8 组 1 号", grid_org_unit_id: grid1 });
    expect(await householdOf(spouse)).toMatchObject({ household_id: first.household_id, relation: "10" });
    expect(await householdOf(grandson)).toMatchObject({ household_id: first.household_id, relation: "41" });
    const events = await sql<{ kind: string; source: string; source_ref: string }>(
      "select kind, source, source_ref from public.resident_events where household_id = $1 order by id",
      [first.household_id],
    );
    expect(events.map((e) => e.kind)).toEqual(["household_created", "member_added", "member_added", "member_added"]);
    for (const event of events) expect(event).toMatchObject({ source: "import", source_ref: batch });
    // staff read the household through the API
    const read = await staff.from("households").select("household_number, household_members(relation)").eq("id", first.household_id).single();
    expect(read.data!.household_members).toHaveLength(3);

    // the same sheet again changes nothing; a changed relation is an update of that person only
    expect(
      await mustImport(staff, [
        { row: 2, values: { id_number: head, household_number: number, relation: "户主" } },
        { row: 3, values: { id_number: spouse, household_number: number, relation: "妻" } },
      ]),
    ).toMatchObject({ unchanged: 1, updated: 1, errors: [] });
    expect(await householdOf(spouse)).toMatchObject({ household_id: first.household_id, relation: "12" });
  });

  it("refuses a second head, a relation without a number and the other way round, and an unknown relation, each on its row and column", async () => {
    const staff = await as("staff");
    const number = `4331${run}${randomInt(1000, 9999)}`;
    const [head, second, lone, numberOnly, unknown] = [freshId(), freshId(), freshId(), freshId(), freshId()];
    const outcome = await mustImport(staff, [
      { row: 2, values: { name: "户主乙", id_number: head, grid_org_unit_id: grid1, address: "牯牛坪 9 组 1 号", household_number: number, relation: "户主" } },
      { row: 3, values: { name: "户主丙", id_number: second, grid_org_unit_id: grid1, household_number: number, relation: "02" } },
      { row: 4, values: { name: "无户号", id_number: lone, grid_org_unit_id: grid1, relation: "女" } },
      { row: 5, values: { name: "无关系", id_number: numberOnly, grid_org_unit_id: grid1, household_number: number } },
      { row: 6, values: { name: "错关系", id_number: unknown, grid_org_unit_id: grid1, household_number: number, relation: "邻居" } },
    ]);
    expect(outcome.written).toBe(false);
    expect(outcome.errors.map(({ row, column, code }) => ({ row, column, code }))).toEqual([
      { row: 3, column: "relation", code: "household_head_exists" },
      { row: 4, column: "household_number", code: "household_number_required" },
      { row: 5, column: "relation", code: "household_relation_required" },
      { row: 6, column: "relation", code: "resident_code_invalid" },
    ]);
    expect(outcome.errors[0].message_zh).toContain("该户已有户主");
    expect(outcome.errors[3].message_en).toContain("GB/T 4761");
    expect(await householdOf(head)).toBeUndefined();
    expect(await sql("select id from public.households where household_number = $1", [number])).toEqual([]);
  });

  it("moves a person to the household their row names", async () => {
    const staff = await as("staff");
    const [from, to] = [`4331${run}${randomInt(1000, 4999)}`, `4331${run}${randomInt(5000, 9999)}`];
    const person = freshId();
    await mustImport(staff, [
      { row: 2, values: { name: "搬家甲", id_number: person, grid_org_unit_id: grid2, address: "牯牛坪 2 组 3 号", household_number: from, relation: "户主" } },
    ]);
    const before = await householdOf(person);
    await mustImport(staff, [{ row: 2, values: { id_number: person, address: "牯牛坪 2 组 9 号", household_number: to, relation: "子" } }]);
    const after = await householdOf(person);
    expect(after).toMatchObject({ household_number: to, relation: "20", address: "牯牛坪 2 组 9 号", grid_org_unit_id: grid2 });
    expect(after.household_id).not.toBe(before.household_id);
  });
});

describe("all or nothing", () => {
  it("reports exactly the bad rows with their columns and writes none of the good ones", async () => {
    const staff = await as("staff");
    const label = `坏行${run}`;
    const rows = Array.from({ length: 10 }, (_, i) => syntheticResidentRow(i, area, grid1, label));
    // fresh numbers for this case
    rows.forEach((r) => (r.values.id_number = freshId()));
    const good = rows[0].values.id_number as string;
    const badCheck = (rows[2].values.id_number as string).slice(0, 17);
    rows[2].values.id_number = badCheck + (rows[2].values.id_number === `${badCheck}0` ? "1" : "0");
    rows[5].values.phone = "138074";
    rows[5].values.ethnicity = "火星族";
    rows[8].values.id_number = (rows[1].values.id_number as string).toLowerCase();
    rows[9].values = { name: "没有网格", id_number: freshId() };
    const batch = randomUUID();
    const outcome = await mustImport(staff, rows, { batch });
    expect(outcome.written).toBe(false);
    expect(outcome.errors.map(({ row, column, code }) => ({ row, column, code }))).toEqual([
      { row: 4, column: "id_number", code: "id_number_check_failed" },
      { row: 7, column: "phone", code: "phone_invalid" },
      { row: 7, column: "ethnicity", code: "resident_code_invalid" },
      { row: 10, column: "id_number", code: "id_number_duplicate_in_file" },
      { row: 11, column: "grid_org_unit_id", code: "registry_unit_invalid" },
    ]);
    expect(outcome.errors[0]).toMatchObject({
      message_zh: "身份证号校验位不符，请核对号码",
      message_en: "The ID number's check character does not match: check the number",
    });
    expect(outcome.errors[3].message_zh).toContain("第 3 行");
    expect(outcome.created).toBe(6);
    expect(await countNamed(`%合成${label}%`)).toBe(0);
    expect(await personOf(good)).toBeUndefined();
    expect(await batchRow(batch)).toBeUndefined();

    // fixed and sent again: all ten are written once
    rows[2].values.id_number = freshId();
    rows[5].values.phone = "13807435555";
    rows[5].values.ethnicity = "苗族";
    rows[8].values.id_number = freshId();
    rows[9].values.grid_org_unit_id = grid2;
    expect(await mustImport(staff, rows, { batch })).toMatchObject({ created: 10, errors: [], written: true });
    expect(await countNamed(`%合成${label}%`)).toBe(9);
    expect(await mustImport(staff, rows, { batch })).toMatchObject({ created: 0, unchanged: 10, written: true });
  });

  it("writes nothing on a dry run and says what would have happened", async () => {
    const staff = await as("staff");
    const label = `试算${run}`;
    const rows = Array.from({ length: 5 }, (_, i) => ({
      ...syntheticResidentRow(i, area, grid1, label),
      values: { ...syntheticResidentRow(i, area, grid1, label).values, id_number: freshId() },
    }));
    const batch = randomUUID();
    expect(await mustImport(staff, rows, { batch, dryRun: true })).toMatchObject({ created: 5, updated: 0, errors: [], written: false });
    expect(await countNamed(`%合成${label}%`)).toBe(0);
    expect(await batchRow(batch)).toBeUndefined();
    const events = await sql("select 1 from public.resident_events where source_ref = $1", [batch]);
    expect(events).toEqual([]);
  });
});

describe("who may import", () => {
  it("refuses, per row, a person of another community and a grid outside the caller's scope; the call writes nothing", async () => {
    const staff = await as("staff");
    const theirs = freshId();
    // registered in 湾溪社区 by a trusted writer (the seed's way)
    await sql("insert into public.residents (name, id_number, grid_org_unit_id) values ('湾溪居民', $1, $2)", [theirs, wanxiGrid]);
    const mine = freshId();
    const outcome = await mustImport(staff, [
      { row: 2, values: { name: "本社区", id_number: mine, grid_org_unit_id: grid1 } },
      { row: 3, values: { id_number: theirs, phone: "13807439999" } },
      { row: 4, values: { name: "搬到湾溪", id_number: freshId(), grid_org_unit_id: UNITS.wanxiGrid1 } },
    ]);
    expect(outcome.errors.map(({ row, column, code }) => ({ row, column, code }))).toEqual([
      { row: 3, column: "id_number", code: "registry_write_forbidden" },
      { row: 4, column: "grid_org_unit_id", code: "registry_write_forbidden" },
    ]);
    expect(outcome).toMatchObject({ created: 1, written: false });
    expect(await personOf(mine)).toBeUndefined();
    expect((await personOf(theirs)).phone).toBeNull();
  });

  it("refuses the whole call to users who may write the registry nowhere (a leader, a volunteer)", async () => {
    const rows = [{ row: 2, values: { name: "领导导入", id_number: freshId(), grid_org_unit_id: grid1 } }];
    const leader = await importRows(await as("leader"), rows);
    expect(leader.error).toMatchObject({ code: "PT403", message: "registry_write_forbidden" });
    expect(leader.error?.hint).toContain(" / You may not register or change residents");
    const volunteer = await world.person("volunteer", { role: "volunteer", unitCode: UNITS.guniuping });
    expect((await importRows(volunteer.client, rows)).error).toMatchObject({ code: "PT403", message: "registry_write_forbidden" });
    expect(await personOf(rows[0].values.id_number as string)).toBeUndefined();
  });

  it("refuses more than 2,000 rows in one call, and a batch id another user started", async () => {
    const staff = await as("staff");
    const rows = Array.from({ length: 2001 }, (_, i) => ({ row: i + 2, values: { id_number: "1" } }));
    const oversize = await importRows(staff, rows);
    expect(oversize.error).toMatchObject({ code: "CGX01", message: "import_too_many_rows" });
    expect(oversize.error?.hint).toBe("每次最多导入 2000 行，本次 2001 行，请分批提交 / At most 2,000 rows per call, this one has 2001: send them in chunks");
    expect((await importRows(staff, { not: "a list" } as unknown as Row[])).error).toMatchObject({ code: "CGX02", message: "import_rows_invalid" });

    const batch = randomUUID();
    await mustImport(staff, [{ row: 2, values: { name: "批次甲", id_number: freshId(), grid_org_unit_id: grid1 } }], { batch });
    const grid = await importRows(await as("grid"), [{ row: 2, values: { name: "批次乙", id_number: freshId(), grid_org_unit_id: grid1 } }], { batch });
    expect(grid.error).toMatchObject({ code: "PT409", message: "import_batch_conflict" });
    // the grid worker may import into their own batch
    expect(await mustImport(await as("grid"), [{ row: 2, values: { name: "批次乙", id_number: freshId(), grid_org_unit_id: grid1 } }])).toMatchObject({
      created: 1,
      written: true,
    });
  });
});

describe("the remembered column mapping", () => {
  const mapping = { 姓名: "name", 身份证号: "id_number", 联系电话: "phone" };

  it("is saved by registry writers and read by registry readers; leaders and volunteers may not save it", async () => {
    const staff = await as("staff");
    const saved = await staff.rpc("save_import_mapping", { p_target: "residents", p_service_id: null, p_mapping: mapping });
    expect(saved.error).toBeNull();
    expect(saved.data).toMatchObject({ target: "residents", service_id: null, mapping });
    // saved again: one mapping, replaced
    expect(
      (await staff.rpc("save_import_mapping", { p_target: "residents", p_service_id: null, p_mapping: { ...mapping, 住址: "address" } })).error,
    ).toBeNull();
    const leader = await as("leader");
    const read = await leader.from("import_mappings").select("mapping").eq("target", "residents").is("service_id", null);
    expect(read.data).toEqual([{ mapping: { ...mapping, 住址: "address" } }]);
    const refused = await leader.rpc("save_import_mapping", { p_target: "residents", p_service_id: null, p_mapping: mapping });
    expect(refused.error).toMatchObject({ code: "PT403", message: "import_mapping_forbidden" });
    // nor past the RPC: PostgREST's upsert meets the same policies
    const direct = await leader.from("import_mappings").upsert({ target: "residents", service_id: null, mapping: {} }, { onConflict: "target,service_id" });
    expect(direct.error?.code).toBe("42501");
    const volunteer = await world.person("volunteer-map", { role: "volunteer", unitCode: UNITS.guniuping });
    expect((await volunteer.client.rpc("save_import_mapping", { p_target: "residents", p_service_id: null, p_mapping: mapping })).error).toMatchObject({
      message: "import_mapping_forbidden",
    });
    // somebody without any membership reads nothing
    const stranger = await world.person("stranger-map");
    expect((await stranger.client.from("import_mappings").select("mapping").eq("target", "residents")).data).toEqual([]);
  });

  it("refuses a mapping that is not text to text, too large, or names a service for residents", async () => {
    const staff = await as("staff");
    const save = (m: unknown, service: string | null = null, target = "residents") =>
      staff.rpc("save_import_mapping", { p_target: target, p_service_id: service, p_mapping: m as Record<string, string> });
    expect((await save({ 姓名: 1 })).error).toMatchObject({ code: "PT400", message: "import_mapping_invalid" });
    expect((await save(["name"])).error).toMatchObject({ message: "import_mapping_invalid" });
    expect((await save(Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`列${i}`, "name"])))).error).toMatchObject({
      message: "import_mapping_invalid",
    });
    expect((await save(Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`列${i}`, "name"])))).error).toBeNull();
    expect((await save(mapping, grid1)).error).toMatchObject({ message: "import_target_invalid" });
    expect((await save(mapping, null, "records")).error).toMatchObject({ message: "import_target_invalid" });
    // restore the ordinary mapping for the next test in the file
    expect((await save(mapping)).error).toBeNull();
  });
});

describe("an import killed midway", () => {
  it("leaves not one of its rows and no batch once its backend is terminated", async () => {
    const label = `中断${run}`;
    const rows = Array.from({ length: 2000 }, (_, i) => ({
      ...syntheticResidentRow(i, area, grid1, label),
      values: { ...syntheticResidentRow(i, area, grid1, label).values, id_number: freshId() },
    }));
    const batch = randomUUID();
    const [{ id: staffId }] = await sql<{ id: string }>("select id from auth.users where email = 'staff@demo.local'");
    // the call as PostgREST runs it: role authenticated, the staff member's claims, one transaction
    const importer = new pg.Client({ connectionString: process.env.SUPABASE_DB_URL });
    const admin = new pg.Client({ connectionString: process.env.SUPABASE_ADMIN_DB_URL ?? process.env.SUPABASE_DB_URL });
    await Promise.all([importer.connect(), admin.connect()]);
    importer.on("error", () => {}); // the terminated connection reports here
    try {
      const [{ pid }] = (await importer.query<{ pid: number }>("select pg_backend_pid() pid")).rows;
      await importer.query("set role authenticated");
      await importer.query("select set_config('request.jwt.claims', $1, false)", [JSON.stringify({ sub: staffId, role: "authenticated" })]);
      const call = importer.query("select public.import_residents($1, $2::jsonb, false, 'killed.xlsx')", [batch, JSON.stringify(rows)]).then(
        () => "finished",
        (e: Error) => e.message,
      );
      // wait until the call is midway: it has written rows, each in a subtransaction with an xid of
      // its own, more than the 64 a backend keeps in its cache (overflowed) — then kill it
      let midway = false;
      for (let i = 0; i < 800 && !midway; i++) {
        const [state] = (
          await admin.query<{ state: string; xid: string | null; overflowed: boolean }>(
            `select a.state, a.backend_xid::text xid, s.subxact_overflowed overflowed
               from pg_stat_activity a, pg_stat_get_backend_idset() b, pg_stat_get_backend_subxact(b) s
              where a.pid = $1 and pg_stat_get_backend_pid(b) = $1`,
            [pid],
          )
        ).rows;
        midway = state?.state === "active" && state.xid != null && state.overflowed;
        if (!midway) await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(midway).toBe(true);
      const [{ killed }] = (await admin.query<{ killed: boolean }>("select pg_terminate_backend($1) killed", [pid])).rows;
      expect(killed).toBe(true);
      expect(await call).not.toBe("finished");
    } finally {
      await importer.end().catch(() => {});
      await admin.end();
    }
    expect(await countNamed(`%合成${label}%`)).toBe(0);
    for (const r of [rows[0], rows[999], rows[1999]]) expect(await personOf(r.values.id_number as string)).toBeUndefined();
    expect(await batchRow(batch)).toBeUndefined();
    expect(await sql("select 1 from public.resident_events where source_ref = $1", [batch])).toEqual([]);
  });
});
