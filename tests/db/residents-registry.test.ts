// The resident registry (issue 12, item 1) through PostgREST as real users: one person per ID
// number (15/18-digit and x/X variants included), the number checked and normalised by the
// database, sex and birth year derived, ID numbers and phones masked in the API and kept raw
// only privately, exact search and unmasking logged and limited to view_sensitive, the grid
// scope (allowed and refused), optimistic concurrency, every change an event nobody can alter,
// tags with their period.
import { randomInt } from "node:crypto";
import type { SupabaseClient } from "@supabase/supabase-js";
import { afterAll, describe, expect, it } from "vitest";
import { idNumberCheckChar } from "@/field-types/id_number/gb11643";
import { TestWorld, uniqueMobile } from "../support/access-fixtures";
import { as, mustCreate, elderlyCardData, sql, unitId, UNITS } from "../support/engine-fixtures";

const reason = "窗口办理核对身份";
const world = new TestWorld();
afterAll(() => world.cleanup());

type Resident = {
  id: string;
  name: string;
  id_number: string;
  sex: string;
  birth_year: number;
  phone: string | null;
  ethnicity: string | null;
  grid_org_unit_id: string;
  row_version: number;
  created_by: string | null;
};

/** A valid 18-character ID number born in 1930–1999 (so it has a 15-digit form) no other test uses; `check` forces its last character. */
function uniqueIdNumber(check?: string): string {
  for (;;) {
    const born = `19${randomInt(30, 100)}${String(randomInt(1, 13)).padStart(2, "0")}${String(randomInt(1, 29)).padStart(2, "0")}`;
    const first17 = `433101${born}${String(randomInt(0, 1000)).padStart(3, "0")}`;
    const id = first17 + idNumberCheckChar(first17);
    if (check === undefined || id.endsWith(check)) return id;
  }
}

/** The legacy 15-digit form of a 19xx number: no century, no check character. */
const legacy = (id: string) => id.slice(0, 6) + id.slice(8, 17);

async function register(client: SupabaseClient, fields: Record<string, unknown>, grid: string = UNITS.guniupingGrid1) {
  const { data, error } = await client
    .from("residents")
    .insert({ name: "测试居民", id_number: uniqueIdNumber(), grid_org_unit_id: await unitId(grid), ...fields })
    .select()
    .single();
  return { data: data as Resident | null, error };
}

async function mustRegister(client: SupabaseClient, fields: Record<string, unknown> = {}, grid?: string): Promise<Resident> {
  const { data, error } = await register(client, fields, grid);
  expect(error).toBeNull();
  return data!;
}

const userId = async (client: SupabaseClient) => (await client.auth.getUser()).data.user!.id;

const events = (residentId: string) =>
  sql<{ kind: string; diff: Record<string, [unknown, unknown]>; source: string; actor: string | null }>(
    "select kind, diff, source, actor from public.resident_events where resident_id = $1 order by id",
    [residentId],
  );

const lastAccess = (actor: string) =>
  sql<{ kind: string; resident_id: string | null; field: string; reason: string; outcome: string; refusal: string | null }>(
    "select kind, resident_id, field, reason, outcome, refusal from public.sensitive_access_log where actor = $1 order by id desc limit 1",
    [actor],
  );

describe("one person per ID number, checked and normalised by the database", () => {
  it("trims, upper-cases x, derives sex and birth year, and shows only masks", async () => {
    const staff = await as("staff");
    const id = uniqueIdNumber("X");
    const phone = uniqueMobile();
    const typed = ` ${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14).toLowerCase()} `;
    const row = await mustRegister(staff, { name: "  龙秀英 ", id_number: typed, phone: `+86 ${phone.slice(0, 3)}-${phone.slice(3)}`, ethnicity: "15" });
    expect(row).toMatchObject({
      name: "龙秀英",
      id_number: `433${"*".repeat(14)}X`,
      sex: Number(id[16]) % 2 === 1 ? "1" : "2",
      birth_year: Number(id.slice(6, 10)),
      phone: `${phone.slice(0, 3)}****${phone.slice(7)}`,
      ethnicity: "15",
      row_version: 1,
      created_by: await userId(staff),
    });
    // the API never carries the raw values, whatever is selected
    const read = await staff.from("residents").select("*").eq("id", row.id).single();
    expect(JSON.stringify(read.data)).not.toContain(id.slice(6, 14));
    expect(JSON.stringify(read.data)).not.toContain(phone.slice(3, 7));
    // kept privately, normalised
    const [kept] = await sql<{ id_number: string; phone: string; birth_date: string }>(
      "select id_number, phone, to_char(birth_date, 'YYYYMMDD') as birth_date from private.resident_sensitive_values where resident_id = $1",
      [row.id],
    );
    expect(kept).toEqual({ id_number: id, phone, birth_date: id.slice(6, 14) });
  });

  it("upgrades a 15-digit number to 18 with its check character", async () => {
    const staff = await as("staff");
    const id = uniqueIdNumber();
    const row = await mustRegister(staff, { id_number: legacy(id) });
    expect(row.id_number).toBe(`433${"*".repeat(14)}${id[17]}`);
    const [kept] = await sql<{ id_number: string }>("select id_number from private.resident_sensitive_values where resident_id = $1", [row.id]);
    expect(kept.id_number).toBe(id);
  });

  it("refuses a second person with the same number: 18 vs 15 digits, X vs x, and within one request", async () => {
    const staff = await as("staff");
    const id = uniqueIdNumber("X");
    const first = await mustRegister(staff, { id_number: id });
    for (const variant of [id.toLowerCase(), ` ${id} `]) {
      const again = await register(staff, { id_number: variant });
      expect(again.error).toMatchObject({ code: "PT409", message: "resident_exists" });
      expect(again.error!.hint).toContain("已登记");
      // the caller may see the person already registered: they are named
      expect(JSON.parse(again.error!.details)).toMatchObject({ resident_id: first.id });
    }
    const other = uniqueIdNumber();
    await mustRegister(staff, { id_number: legacy(other) });
    expect((await register(staff, { id_number: other })).error).toMatchObject({ code: "PT409", message: "resident_exists" });
    // two spellings of one new number in one insert: refused as a whole, nothing kept
    const fresh = uniqueIdNumber();
    const grid = await unitId(UNITS.guniupingGrid1);
    const both = await staff.from("residents").insert([
      { name: "甲", id_number: fresh, grid_org_unit_id: grid },
      { name: "乙", id_number: legacy(fresh), grid_org_unit_id: grid },
    ]);
    expect(both.error).toMatchObject({ code: "PT409", message: "resident_exists" });
    const [{ count }] = await sql<{ count: string }>(
      "select count(*) from public.residents where name in ('甲', '乙') and created_at > now() - interval '1 minute'",
    );
    expect(count).toBe("0");
  });

  it("does not name a person the caller may not see when their number is taken", async () => {
    const staff = await as("staff");
    const id = uniqueIdNumber();
    await mustRegister(staff, { id_number: id }, UNITS.guniupingGrid2);
    const grid = await as("grid");
    const clash = await register(grid, { id_number: id });
    expect(clash.error).toMatchObject({ code: "PT409", message: "resident_exists" });
    expect(JSON.parse(clash.error!.details).resident_id).toBeNull();
  });

  it("refuses a wrong check character, an impossible birth date and a malformed number, each with a clear message", async () => {
    const staff = await as("staff");
    const id = uniqueIdNumber();
    const wrongCheck = id.slice(0, 17) + (id[17] === "1" ? "2" : "1");
    const bad = await register(staff, { id_number: wrongCheck });
    expect(bad.error).toMatchObject({ code: "PT400", message: "id_number_check_failed" });
    expect(bad.error!.hint).toBe("身份证号校验位不符，请核对号码 / The ID number's check character does not match: check the number");
    const feb30 = "43310119800230123";
    expect((await register(staff, { id_number: feb30 + idNumberCheckChar(feb30) })).error).toMatchObject({ code: "PT400", message: "id_number_invalid" });
    for (const garbage of ["12345", "", "43310119800101123Y"]) {
      expect((await register(staff, { id_number: garbage })).error).toMatchObject({ code: "PT400", message: "id_number_invalid" });
    }
  });

  it("refuses an invalid phone, an unknown ethnicity code and a blank name", async () => {
    const staff = await as("staff");
    expect((await register(staff, { phone: "12345" })).error).toMatchObject({ code: "PT400", message: "phone_invalid" });
    const code = await register(staff, { ethnicity: "77" });
    expect(code.error).toMatchObject({ code: "PT400", message: "resident_code_invalid" });
    expect(code.error!.hint).toContain("GB/T 3304");
    expect((await register(staff, { name: "   " })).error).toMatchObject({ code: "PT400", message: "resident_name_required" });
    // a landline keeps its area code
    const landline = await mustRegister(staff, { phone: "0743-8221234" });
    expect(landline.phone).toBe("0743-*****34");
  });
});

describe("exact search and unmasking, logged, for view_sensitive only", () => {
  it("finds a person by the full ID number (any spelling) or phone, and logs each search", async () => {
    const staff = await as("staff");
    const id = uniqueIdNumber();
    const phone = uniqueMobile();
    const row = await mustRegister(staff, { id_number: id, phone });
    const me = await userId(staff);
    for (const [value, field] of [
      [legacy(id), "id_number"],
      [`${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`, "phone"],
    ]) {
      const found = await staff.rpc("search_residents_by_value", { p_value: value, p_reason: reason });
      expect(found.error).toBeNull();
      expect(found.data).toEqual({ resident_ids: [row.id] });
      expect(await lastAccess(me)).toEqual([{ kind: "search", resident_id: row.id, field, reason, outcome: "granted", refusal: null }]);
    }
    const none = await staff.rpc("search_residents_by_value", { p_value: uniqueIdNumber(), p_reason: reason });
    expect(none.data).toEqual({ resident_ids: [] });
    expect(await lastAccess(me)).toEqual([{ kind: "search", resident_id: null, field: "", reason, outcome: "granted", refusal: null }]);
    const noReason = await staff.rpc("search_residents_by_value", { p_value: id, p_reason: " " });
    expect(noReason.error).toMatchObject({ code: "PT400", message: "reason_required" });
    expect(await lastAccess(me)).toMatchObject([{ outcome: "refused", refusal: "reason_required" }]);
  });

  it("refuses, and logs, a search by a role without view_sensitive (a leader)", async () => {
    const staff = await as("staff");
    const id = uniqueIdNumber();
    await mustRegister(staff, { id_number: id });
    const leader = await as("leader");
    const refused = await leader.rpc("search_residents_by_value", { p_value: id, p_reason: reason });
    expect(refused.error).toMatchObject({ code: "PT403", message: "search_forbidden" });
    expect(await lastAccess(await userId(leader))).toEqual([
      { kind: "search", resident_id: null, field: "", reason, outcome: "refused", refusal: "search_forbidden" },
    ]);
  });

  it("unmasks one value with a reason and logs it; refuses without view_sensitive or a reason, and logs that too", async () => {
    const staff = await as("staff");
    const id = uniqueIdNumber();
    const phone = uniqueMobile();
    const row = await mustRegister(staff, { id_number: id, phone });
    const me = await userId(staff);
    expect((await staff.rpc("unmask_resident_field", { p_resident_id: row.id, p_field: "id_number", p_reason: reason })).data).toBe(id);
    expect(await lastAccess(me)).toEqual([{ kind: "unmask", resident_id: row.id, field: "id_number", reason, outcome: "granted", refusal: null }]);
    expect((await staff.rpc("unmask_resident_field", { p_resident_id: row.id, p_field: "phone", p_reason: reason })).data).toBe(phone);
    const born = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
    expect((await staff.rpc("unmask_resident_field", { p_resident_id: row.id, p_field: "birth_date", p_reason: reason })).data).toBe(born);

    const noReason = await staff.rpc("unmask_resident_field", { p_resident_id: row.id, p_field: "id_number", p_reason: "" });
    expect(noReason.error).toMatchObject({ code: "PT400", message: "reason_required" });
    expect(noReason.data).toBeNull();
    const notSensitive = await staff.rpc("unmask_resident_field", { p_resident_id: row.id, p_field: "name", p_reason: reason });
    expect(notSensitive.error).toMatchObject({ code: "PT400", message: "field_not_sensitive" });

    // the leader reads the person (吉首市 and below) but holds view_sensitive on no service
    const leader = await as("leader");
    expect((await leader.from("residents").select("id").eq("id", row.id)).data).toEqual([{ id: row.id }]);
    const refused = await leader.rpc("unmask_resident_field", { p_resident_id: row.id, p_field: "id_number", p_reason: reason });
    expect(refused.error).toMatchObject({ code: "PT403", message: "unmask_forbidden" });
    expect(refused.data).toBeNull();
    expect(await lastAccess(await userId(leader))).toEqual([
      { kind: "unmask", resident_id: row.id, field: "id_number", reason, outcome: "refused", refusal: "unmask_forbidden" },
    ]);
  });
});

describe("scope: the grid decides who reads and who writes", () => {
  it("shows a grid worker their grid's residents and not another grid's; a stranger none; a leader reads without writing", async () => {
    const staff = await as("staff");
    const mine = await mustRegister(staff, {}, UNITS.guniupingGrid1);
    const other = await mustRegister(staff, {}, UNITS.guniupingGrid2);
    const grid = await as("grid");
    const seen = await grid.from("residents").select("id").in("id", [mine.id, other.id]);
    expect(seen.data).toEqual([{ id: mine.id }]);
    // the community's staff see both
    expect((await staff.from("residents").select("id").in("id", [mine.id, other.id])).data).toHaveLength(2);

    const stranger = await world.person("stranger");
    expect((await stranger.client.from("residents").select("id").in("id", [mine.id, other.id])).data).toEqual([]);
    expect((await stranger.client.from("resident_events").select("id").eq("resident_id", mine.id)).data).toEqual([]);
    const strangerWrite = await register(stranger.client, {});
    expect(strangerWrite.error).toMatchObject({ code: "PT403", message: "registry_write_forbidden" });

    const leader = await as("leader");
    expect((await leader.from("residents").select("id").in("id", [mine.id, other.id])).data).toHaveLength(2);
    const leaderWrite = await leader.from("residents").update({ name: "改名", row_version: 2 }).eq("id", mine.id).select();
    expect(leaderWrite.error).toMatchObject({ code: "PT403", message: "registry_write_forbidden" });
    expect((await register(leader, {})).error).toMatchObject({ code: "PT403", message: "registry_write_forbidden" });
    // a volunteer (reads and creates grid events, which link nobody; edits no record) reads none
    // of the community's people (residents-readers.test.ts) and writes none
    const volunteer = await world.person("volunteer", { role: "volunteer", unitCode: UNITS.guniuping });
    expect((await volunteer.client.from("residents").select("id").in("id", [mine.id, other.id])).data).toEqual([]);
    expect((await register(volunteer.client, {})).error).toMatchObject({ code: "PT403", message: "registry_write_forbidden" });
    // and the grid worker cannot unmask (or even find) a person of another grid
    const elsewhere = await grid.rpc("unmask_resident_field", { p_resident_id: other.id, p_field: "phone", p_reason: reason });
    expect(elsewhere.error).toMatchObject({ code: "PT404", message: "resident_not_found" });
  });

  it("refuses a grid worker's writes outside their grid, and a move out of the caller's scope", async () => {
    const grid = await as("grid");
    const outside = await register(grid, {}, UNITS.guniupingGrid2);
    expect(outside.error).toMatchObject({ code: "PT403", message: "registry_write_forbidden" });
    expect(outside.error!.hint).toContain("不能登记或修改");
    const row = await mustRegister(grid, {});
    const moved = await grid
      .from("residents")
      .update({ grid_org_unit_id: await unitId(UNITS.guniupingGrid2), row_version: row.row_version + 1 })
      .eq("id", row.id)
      .select();
    expect(moved.error).toMatchObject({ code: "PT403", message: "registry_write_forbidden" });
    const staff = await as("staff");
    const away = await staff
      .from("residents")
      .update({ grid_org_unit_id: await unitId(UNITS.wanxiGrid1), row_version: row.row_version + 1 })
      .eq("id", row.id)
      .select();
    expect(away.error).toMatchObject({ code: "PT403", message: "registry_write_forbidden" });
  });

  it("lets a participant of a record about the person read them (never write), and nobody delete them", async () => {
    const admin = await as("admin");
    const staff = await as("staff");
    // registered in 湾溪社区, outside staff@'s 牯牛坪社区 (by SQL, as an import would)
    const [person] = await sql<{ id: string }>("insert into public.residents (name, id_number, grid_org_unit_id) values ('湾溪居民', $1, $2) returning id", [
      uniqueIdNumber(),
      await unitId(UNITS.wanxiGrid1),
    ]);
    expect((await staff.from("residents").select("id").eq("id", person.id)).data).toEqual([]);
    const record = await mustCreate(staff, "elderly_benefit", UNITS.guniupingGrid1, await elderlyCardData());
    await sql("with s as (select set_config('app.record_write', 'import', true)) update public.records set resident_id = $1 from s where id = $2", [
      person.id,
      record.id,
    ]);
    expect((await staff.from("residents").select("id").eq("id", person.id)).data).toEqual([{ id: person.id }]);
    const write = await staff.from("residents").update({ name: "改名", row_version: 2 }).eq("id", person.id).select();
    expect(write.error).toMatchObject({ code: "PT403", message: "registry_write_forbidden" });
    const own = await mustRegister(admin);
    const removed = await admin.from("residents").delete().eq("id", own.id);
    expect(removed.error).toMatchObject({ code: "PT405", message: "residents_not_deleted" });
    expect(removed.error!.hint).toContain("不能删除");
  });
});

describe("changes: optimistic concurrency and an event for each", () => {
  it("refuses an update without the next row_version or based on a stale read, and logs a good one with masks", async () => {
    const staff = await as("staff");
    const firstId = uniqueIdNumber();
    const phone = uniqueMobile();
    const row = await mustRegister(staff, { id_number: firstId, phone });
    const missing = await staff.from("residents").update({ name: "新名" }).eq("id", row.id).select();
    expect(missing.error).toMatchObject({ code: "PT409", message: "stale_registry_row" });
    const ok = await staff
      .from("residents")
      .update({ name: "新名", row_version: row.row_version + 1 })
      .eq("id", row.id)
      .select()
      .single();
    expect(ok.error).toBeNull();
    expect(ok.data).toMatchObject({ name: "新名", row_version: 2 });
    const stale = await staff
      .from("residents")
      .update({ name: "旧读", row_version: row.row_version + 1 })
      .eq("id", row.id)
      .select();
    expect(stale.error).toMatchObject({ code: "PT409", message: "stale_registry_row" });

    // sending back the masks keeps the numbers; a new ID number is stored and logged as masks
    const same = await staff
      .from("residents")
      .update({ id_number: ok.data!.id_number, phone: ok.data!.phone, address: "牯牛坪 3组", row_version: 3 })
      .eq("id", row.id)
      .select()
      .single();
    expect(same.error).toBeNull();
    // so does sending the full values the person already has (15-digit form included): no event
    const full = await staff
      .from("residents")
      .update({ id_number: legacy(firstId), phone: `+86${phone}`, row_version: 4 })
      .eq("id", row.id)
      .select()
      .single();
    expect(full.error).toBeNull();
    expect(full.data).toMatchObject({ id_number: ok.data!.id_number, phone: ok.data!.phone });
    const newId = uniqueIdNumber();
    const changed = await staff.from("residents").update({ id_number: newId, row_version: 5 }).eq("id", row.id).select().single();
    expect(changed.error).toBeNull();
    const [kept] = await sql<{ id_number: string }>("select id_number from private.resident_sensitive_values where resident_id = $1", [row.id]);
    expect(kept.id_number).toBe(newId);

    const history = await events(row.id);
    expect(history.map((e) => e.kind)).toEqual(["created", "updated", "updated", "updated"]);
    expect(history.every((e) => e.source === "manual" && e.actor === history[0].actor)).toBe(true);
    expect(history[1].diff).toEqual({ name: ["测试居民", "新名"] });
    expect(history[2].diff).toEqual({ address: [null, "牯牛坪 3组"] });
    expect(Object.keys(history[3].diff)).toContain("id_number");
    expect(JSON.stringify(history)).not.toContain(newId.slice(6, 14));
    // the history is readable through the API by whoever reads the person
    const api = await staff.from("resident_events").select("kind").eq("resident_id", row.id).order("id");
    expect(api.data!.map((e) => e.kind)).toEqual(["created", "updated", "updated", "updated"]);
  });

  it("keeps households and memberships with GB/T 4761 relations, one head per household, each change an event", async () => {
    const staff = await as("staff");
    const head = await mustRegister(staff);
    const spouse = await mustRegister(staff);
    const grid = await unitId(UNITS.guniupingGrid1);
    const household = await staff.from("households").insert({ address: "牯牛坪社区 5组 8号", grid_org_unit_id: grid }).select().single();
    expect(household.error).toBeNull();
    const hid = household.data!.id as string;
    expect((await staff.from("household_members").insert({ resident_id: head.id, household_id: hid, relation: "02" })).error).toBeNull();
    const bad = await staff.from("household_members").insert({ resident_id: spouse.id, household_id: hid, relation: "19" });
    expect(bad.error).toMatchObject({ code: "PT400", message: "resident_code_invalid" });
    const second = await staff.from("household_members").insert({ resident_id: spouse.id, household_id: hid, relation: "02" });
    expect(second.error).toMatchObject({ code: "PT409", message: "household_head_exists" });
    expect((await staff.from("household_members").insert({ resident_id: spouse.id, household_id: hid, relation: "10" })).error).toBeNull();
    const relation = await staff.from("household_members").update({ relation: "12", row_version: 2 }).eq("resident_id", spouse.id).select();
    expect(relation.error).toBeNull();
    expect((await staff.from("household_members").delete().eq("resident_id", spouse.id)).error).toBeNull();

    expect((await events(spouse.id)).map((e) => [e.kind, e.diff.relation])).toEqual([
      ["created", undefined],
      ["member_added", [null, "10"]],
      ["member_changed", ["10", "12"]],
      ["member_removed", ["12", null]],
    ]);
    // the grid worker of another grid sees neither the household nor its members
    const otherGrid = await world.person("grid2", { role: "grid_worker", unitCode: UNITS.guniupingGrid2 });
    expect((await otherGrid.client.from("households").select("id").eq("id", hid)).data).toEqual([]);
    expect((await otherGrid.client.from("household_members").select("resident_id").eq("household_id", hid)).data).toEqual([]);
    expect((await (await as("grid")).from("household_members").select("resident_id").eq("household_id", hid)).data).toEqual([{ resident_id: head.id }]);
  });

  it("keeps tags with their period and source; age tags are derived, not stored; tags end, never vanish", async () => {
    const staff = await as("staff");
    const person = await mustRegister(staff);
    const today = (await sql<{ d: string }>("select to_char(private.local_today(), 'YYYY-MM-DD') as d"))[0].d;
    const added = await staff.from("resident_tags").insert({ resident_id: person.id, tag_key: "veteran" }).select().single();
    expect(added.error).toBeNull();
    expect(added.data).toMatchObject({ valid_from: today, valid_to: null, source: "manual", source_record_id: null });
    const overlap = await staff.from("resident_tags").insert({ resident_id: person.id, tag_key: "veteran", valid_from: "2020-01-01" });
    expect(overlap.error).toMatchObject({ code: "PT409", message: "tag_overlaps" });
    const backwards = await staff.from("resident_tags").insert({ resident_id: person.id, tag_key: "dibao", valid_from: "2024-05-01", valid_to: "2024-04-01" });
    expect(backwards.error).toMatchObject({ code: "PT400", message: "tag_period_invalid" });
    const earlier = await staff.from("resident_tags").insert({ resident_id: person.id, tag_key: "dibao", valid_from: "2023-01-01", valid_to: "2023-12-31" });
    expect(earlier.error).toBeNull();
    const derived = await staff.from("resident_tags").insert({ resident_id: person.id, tag_key: "age_80_plus" });
    expect(derived.error).toMatchObject({ code: "PT400", message: "resident_tag_derived" });

    const ended = await staff.from("resident_tags").update({ valid_to: today, row_version: 2 }).eq("id", added.data!.id).select().single();
    expect(ended.error).toBeNull();
    expect(ended.data).toMatchObject({ valid_to: today, row_version: 2 });
    const gone = await staff.from("resident_tags").delete().eq("id", added.data!.id);
    expect(gone.error).toMatchObject({ code: "PT405", message: "resident_tags_not_deleted" });
    // the grid worker of the person's grid may tag; a leader may not
    expect((await (await as("grid")).from("resident_tags").insert({ resident_id: person.id, tag_key: "volunteer" })).error).toBeNull();
    expect((await (await as("leader")).from("resident_tags").insert({ resident_id: person.id, tag_key: "party_member" })).error).toMatchObject({
      code: "PT403",
      message: "registry_write_forbidden",
    });

    expect((await events(person.id)).map((e) => [e.kind, e.diff.tag_key?.[1] ?? null])).toEqual([
      ["created", null],
      ["tag_added", "veteran"],
      ["tag_added", "dibao"],
      ["tag_changed", null],
      ["tag_added", "volunteer"],
    ]);
  });

  it("records the source a record or an import names, and lets nobody change or delete the history", async () => {
    const staff = await as("staff");
    const person = await mustRegister(staff);
    const record = await mustCreate(staff, "elderly_benefit", UNITS.guniupingGrid1, await elderlyCardData());
    // as the write-back of an outcome will: the transaction names its record
    const [tag] = await sql<{ source: string; source_record_id: string }>(
      `with s as (select set_config('app.resident_source', 'record', true), set_config('app.resident_source_ref', $2, true))
       insert into public.resident_tags (resident_id, tag_key, valid_from) select $1, 'elderly_card_holder', current_date from s
       returning source, source_record_id`,
      [person.id, record.id],
    );
    expect(tag).toEqual({ source: "record", source_record_id: record.id });
    const [event] = await sql<{ id: string; source: string; source_ref: string }>(
      "select id, source, source_ref from public.resident_events where resident_id = $1 and kind = 'tag_added'",
      [person.id],
    );
    expect(event).toMatchObject({ source: "record", source_ref: record.id });

    const patch = await staff.from("resident_events").update({ kind: "updated" }).eq("id", event.id);
    expect(patch.error?.code).toBe("42501");
    const remove = await staff.from("resident_events").delete().eq("id", event.id);
    expect(remove.error?.code).toBe("42501");
    const forged = await staff.from("resident_events").insert({ resident_id: person.id, kind: "updated", source: "manual" });
    expect(forged.error?.code).toBe("42501");
    await expect(sql("update public.resident_events set diff = '{}' where id = $1", [event.id])).rejects.toThrow(/resident_events_immutable/);
    await expect(sql("delete from public.resident_events where id = $1", [event.id])).rejects.toThrow(/resident_events_immutable/);
    await expect(sql("truncate public.resident_events")).rejects.toThrow(/resident_events_immutable/);
  });
});
