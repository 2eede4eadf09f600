// 组织架构 editing (issue 10, item 6; 20261130170000): administrators add, rename, move and
// delete grids and communities strictly below their own unit, with official codes checked
// against the parent's; records and memberships follow a move, and so does every scope; each
// change is audited. Acting as the real demo users (and people made per run) through the API,
// every refusal with its allowed twin. Units made here are deleted again, and the demo grid
// that moves goes back with its code, so the other files see the seed unchanged.
import type { PostgrestError, SupabaseClient } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nextFreeOrgUnitCode } from "@/contract";
import { signedIn, TestWorld, unitId, userIdOf, type TestPerson } from "../support/access-fixtures.ts";
import { sql } from "../support/engine-fixtures";

type Unit = { id: string; parent_id: string | null; code: string; name: string; level: string; path: string; sort_order: number };
type AuditRow = {
  table_name: string;
  row_id: string;
  action: string;
  actor: string | null;
  org_unit_id: string | null;
  before: Unit | null;
  after: Unit | null;
};

const GUNIUPING = "433101009001"; // 牯牛坪社区: admin@'s unit
const WANXI = "433101009002"; // 湾溪社区, beside it in 吉凤街道
const JIFENG = "433101009"; // 吉凤街道: street@ is staff there
const SHIJIACHONG_STREET = "433101007"; // 石家冲街道, another street of 吉首市
const SHIJIACHONG = "433101007001"; // 石家冲社区
const JISHOU = "433101"; // 吉首市: leader@

const world = new TestWorld();
let admin: SupabaseClient;
let staff: SupabaseClient;
let leader: SupabaseClient;
let street: SupabaseClient;
let grid: SupabaseClient;
let countyAdmin: TestPerson; // community_admin of 吉首市: administers both streets
let systemAdmin: TestPerson; // system_admin of 湘西州
let otherStreetStaff: TestPerson; // staff of 石家冲街道
const madeUnits: string[] = []; // deleted in afterAll, newest first, if a test left them

beforeAll(async () => {
  [admin, staff, leader, street, grid] = await Promise.all(["admin", "staff", "leader", "street", "grid"].map((who) => signedIn(`${who}@demo.local`)));
  countyAdmin = await world.person("county-admin", { role: "community_admin", unitCode: JISHOU });
  systemAdmin = await world.person("system-admin", { role: "system_admin", unitCode: "433100" });
  otherStreetStaff = await world.person("shijiachong-staff", { role: "staff", unitCode: SHIJIACHONG_STREET });
});

afterAll(async () => {
  await world.cleanup();
  for (const id of [...madeUnits].reverse()) await sql("delete from public.org_units where id = $1", [id]);
});

const create = (c: SupabaseClient, parentCode: string, name: string, level: string, code: string) =>
  unitId(parentCode).then((parent) => c.rpc("create_org_unit", { p_parent_id: parent, p_name: name, p_level: level, p_code: code }));

async function mustCreate(c: SupabaseClient, parentCode: string, name: string, level: string, code: string): Promise<Unit> {
  const { data, error } = await create(c, parentCode, name, level, code);
  expect(error).toBeNull();
  madeUnits.push(data.id);
  return data as Unit;
}

async function mustDelete(c: SupabaseClient, id: string): Promise<void> {
  const { error } = await c.rpc("delete_org_unit", { p_id: id });
  expect(error).toBeNull();
  madeUnits.splice(madeUnits.indexOf(id), 1);
}

const refusal = (error: PostgrestError | null) => ({ code: error?.code, message: error?.message });

async function unitRow(id: string): Promise<Unit> {
  const [row] = await sql<Unit>("select id, parent_id, code, name, level, path, sort_order from public.org_units where id = $1", [id]);
  return row;
}

async function auditOf(id: string): Promise<AuditRow[]> {
  return sql<AuditRow>(
    "select table_name, row_id, action, actor, org_unit_id, before, after from public.audit_log where table_name = 'org_units' and row_id = $1 order by id",
    [id],
  );
}

async function codesInTree(): Promise<Set<string>> {
  return new Set((await sql<{ code: string }>("select code from public.org_units")).map((r) => r.code));
}

describe("create_org_unit and rename_org_unit", () => {
  it("a community administrator adds a grid to their community, renames it and deletes it; each step is audited and readable to them", async () => {
    const code = nextFreeOrgUnitCode("grid", GUNIUPING, await codesInTree())!;
    expect(code).toMatch(/^433101009001\d{3}$/);
    const made = await mustCreate(admin, GUNIUPING, "  第九网格 ", "grid", code);
    expect(made).toMatchObject({ code, name: "第九网格", level: "grid", parent_id: await unitId(GUNIUPING), sort_order: Number(code.slice(12)) });
    expect(made.path.startsWith((await unitRow(await unitId(GUNIUPING))).path + ".")).toBe(true);
    // every signed-in user sees it in the tree at once
    const seen = await grid.from("org_units").select("name").eq("id", made.id).single();
    expect(seen.data?.name).toBe("第九网格");

    const stale = await admin.rpc("rename_org_unit", { p_id: made.id, p_name: "和美网格", p_expected_name: "别的名字" });
    expect(refusal(stale.error)).toEqual({ code: "PT409", message: "org_unit_changed" });
    expect(stale.error?.hint).toContain("第九网格");
    const taken = await admin.rpc("rename_org_unit", { p_id: made.id, p_name: "第一网格", p_expected_name: "第九网格" });
    expect(refusal(taken.error)).toEqual({ code: "PT409", message: "org_unit_name_taken" });
    const blank = await admin.rpc("rename_org_unit", { p_id: made.id, p_name: " \u200b ", p_expected_name: "第九网格" });
    expect(refusal(blank.error)).toEqual({ code: "PT400", message: "org_unit_name_invalid" });
    const renamed = await admin.rpc("rename_org_unit", { p_id: made.id, p_name: "和美网格", p_expected_name: "第九网格" });
    expect(renamed.error).toBeNull();
    expect(renamed.data).toMatchObject({ id: made.id, name: "和美网格", code });
    // the same name again changes nothing and logs nothing
    expect((await admin.rpc("rename_org_unit", { p_id: made.id, p_name: "和美网格", p_expected_name: "和美网格" })).error).toBeNull();

    await mustDelete(admin, made.id);
    expect(await unitRow(made.id)).toBeUndefined();

    const adminId = await userIdOf(admin);
    const log = await auditOf(made.id);
    expect(log.map((e) => [e.action, e.before?.name ?? null, e.after?.name ?? null])).toEqual([
      ["insert", null, "第九网格"],
      ["update", "第九网格", "和美网格"],
      ["delete", "和美网格", null],
    ]);
    expect(log.every((e) => e.actor === adminId && e.org_unit_id === made.parent_id)).toBe(true);
    // the administrator reads the entries through the API (the 审计日志 page), a staff member does not
    const mine = await admin.from("audit_log").select("action").eq("table_name", "org_units").eq("row_id", made.id);
    expect(mine.data?.map((e) => e.action).sort()).toEqual(["delete", "insert", "update"]);
    const theirs = await staff.from("audit_log").select("action").eq("table_name", "org_units").eq("row_id", made.id);
    expect(theirs.data).toEqual([]);
  });

  it.each([
    ["fourteen digits", "43310100900199", "org_unit_code_format"],
    ["a letter", "43310100900199x", "org_unit_code_format"],
    ["another community's prefix", "433101009002991", "org_unit_code_prefix"],
    ["a zero sequence", "433101009001000", "org_unit_code_sequence"],
  ])("refuses a grid code with %s (%s) as %s, and adds nothing", async (_, code, message) => {
    const { error } = await create(admin, GUNIUPING, "错码网格", "grid", code);
    expect(refusal(error)).toEqual({ code: "PT400", message });
    expect(error?.hint).toMatch(/ \/ /); // Chinese / English
    expect(await sql("select 1 from public.org_units where name = '错码网格'")).toEqual([]);
  });

  it("refuses a code another unit holds (PT409) and a level that does not sit directly below the parent", async () => {
    const taken = await create(admin, GUNIUPING, "重码网格", "grid", "433101009001001");
    expect(refusal(taken.error)).toEqual({ code: "PT409", message: "org_unit_code_taken" });
    const community = await create(admin, GUNIUPING, "错层社区", "community", "433101009001");
    expect(refusal(community.error)).toEqual({ code: "PT400", message: "org_unit_level_invalid" });
  });

  it("refuses administrators outside their subtree, and staff, leaders and grid workers anywhere", async () => {
    const code = nextFreeOrgUnitCode("grid", WANXI, await codesInTree())!;
    // 湾溪社区 is beside admin@'s community, not below it; its allowed twin is the county administrator's below
    expect(refusal((await create(admin, WANXI, "越权网格", "grid", code)).error)).toEqual({ code: "PT403", message: "org_unit_forbidden" });
    const communityCode = nextFreeOrgUnitCode("community", JIFENG, await codesInTree())!;
    expect(refusal((await create(admin, JIFENG, "越权社区", "community", communityCode)).error)).toEqual({ code: "PT403", message: "org_unit_forbidden" });
    const ownCode = nextFreeOrgUnitCode("grid", GUNIUPING, await codesInTree())!;
    for (const c of [staff, leader, grid, street])
      expect(refusal((await create(c, GUNIUPING, "越权网格", "grid", ownCode)).error)).toEqual({ code: "PT403", message: "org_unit_forbidden" });
    // their own community is decided by the street: a community administrator cannot rename it
    const own = await admin.rpc("rename_org_unit", { p_id: await unitId(GUNIUPING), p_name: "改名社区" });
    expect(refusal(own.error)).toEqual({ code: "PT403", message: "org_unit_forbidden" });
    const beside = await admin.rpc("rename_org_unit", { p_id: await unitId(`${WANXI}001`), p_name: "改名网格" });
    expect(refusal(beside.error)).toEqual({ code: "PT403", message: "org_unit_forbidden" });
    expect(await sql("select 1 from public.org_units where name like '越权%' or name like '改名%'")).toEqual([]);

    const allowed = await mustCreate(countyAdmin.client, WANXI, "湾溪第九网格", "grid", code);
    await mustDelete(countyAdmin.client, allowed.id);
  });

  it("lets only a system administrator add a street; counties are not edited here", async () => {
    const code = nextFreeOrgUnitCode("street", JISHOU, await codesInTree())!;
    expect(refusal((await create(countyAdmin.client, JISHOU, "新街道", "street", code)).error)).toEqual({
      code: "PT403",
      message: "org_unit_level_not_editable",
    });
    const made = await mustCreate(systemAdmin.client, JISHOU, "新街道", "street", code);
    expect(made.code).toHaveLength(9);
    await mustDelete(systemAdmin.client, made.id);
    const county = await create(systemAdmin.client, "433100", "新县", "county", "433199");
    expect(refusal(county.error)).toEqual({ code: "PT403", message: "org_unit_level_not_editable" });
  });

  it("anon cannot call the RPCs", async () => {
    const { anonClient } = await import("../support/access-fixtures.ts");
    const { error } = await anonClient().rpc("create_org_unit", {
      p_parent_id: await unitId(GUNIUPING),
      p_name: "匿名",
      p_level: "grid",
      p_code: "433101009001990",
    });
    expect(error?.code).toBe("42501");
  });
});

describe("move_org_unit", () => {
  it("moves a demo grid with its records and members to another street's community: scope follows both ways, and it moves back", async () => {
    // a 湾溪 grid holding demo records that street@ (staff of 吉凤街道) reads
    const [{ id: gridId }] = await sql<{ id: string }>(
      `select g.id from public.org_units g join public.org_units c on c.id = g.parent_id
        where c.code = $1 and exists (select 1 from public.records r where r.org_unit_id = g.id and r.deleted_at is null)
        order by g.code limit 1`,
      [WANXI],
    );
    const original = await unitRow(gridId);
    const recordIds = (await sql<{ id: string }>("select id from public.records where org_unit_id = $1 and deleted_at is null", [gridId])).map((r) => r.id);
    const readable = async (c: SupabaseClient) => (await c.from("records").select("id").in("id", recordIds)).data?.length ?? 0;
    expect(await readable(street)).toBe(recordIds.length);
    expect(await readable(otherStreetStaff.client)).toBe(0);
    const member = await world.person("moved-grid-worker", { role: "grid_worker", unitCode: original.code });

    const target = await unitId(SHIJIACHONG);
    const newCode = nextFreeOrgUnitCode("grid", SHIJIACHONG, await codesInTree())!;
    const newName = `湾溪${original.name}`;
    const move = (c: SupabaseClient, parent: string, code: string, name?: string) =>
      c.rpc("move_org_unit", { p_id: gridId, p_new_parent_id: parent, p_new_code: code, p_new_name: name });
    // admin@ administers neither 湾溪 nor 石家冲; the county administrator administers both
    expect(refusal((await move(admin, target, newCode)).error)).toEqual({ code: "PT403", message: "org_unit_forbidden" });
    expect(refusal((await move(street, target, newCode)).error)).toEqual({ code: "PT403", message: "org_unit_forbidden" });
    expect(refusal((await move(countyAdmin.client, target, original.code)).error)).toEqual({ code: "PT400", message: "org_unit_code_prefix" });
    expect(refusal((await move(countyAdmin.client, await unitId(SHIJIACHONG_STREET), newCode)).error)).toEqual({
      code: "PT400",
      message: "org_unit_move_target_invalid",
    });
    expect(refusal((await move(countyAdmin.client, original.parent_id!, original.code)).error)).toEqual({
      code: "PT400",
      message: "org_unit_move_target_invalid",
    });
    // 石家冲社区 has its own 第一网格 …: the grid needs another name there
    expect(refusal((await move(countyAdmin.client, target, newCode)).error)).toEqual({ code: "PT409", message: "org_unit_name_taken" });
    expect(await unitRow(gridId)).toEqual(original);

    try {
      const moved = await move(countyAdmin.client, target, newCode, newName);
      expect(moved.error).toBeNull();
      expect(moved.data).toMatchObject({ id: gridId, parent_id: target, code: newCode, name: newName });
      expect((await unitRow(gridId)).path.startsWith((await unitRow(target)).path + ".")).toBe(true);
      // the records and the membership still name the grid; the scope is the new street's
      expect(await sql("select 1 from public.records where id = any ($1) and org_unit_id <> $2", [recordIds, gridId])).toEqual([]);
      expect(await readable(street)).toBe(0);
      expect(await readable(otherStreetStaff.client)).toBe(recordIds.length);
      const context = await member.client.rpc("my_context");
      expect(context.data.memberships).toEqual([expect.objectContaining({ org_unit_id: gridId, org_unit_code: newCode, role_key: "grid_worker" })]);
      expect(context.data.memberships[0].org_unit_full_name).toContain("石家冲");

      const [entry] = (await auditOf(gridId)).filter((e) => e.action === "update");
      expect(entry).toMatchObject({
        actor: countyAdmin.id,
        org_unit_id: target,
        before: { parent_id: original.parent_id, code: original.code },
        after: { parent_id: target, code: newCode, name: newName },
      });
    } finally {
      const back = await move(countyAdmin.client, original.parent_id!, original.code, original.name);
      expect(back.error).toBeNull();
    }
    expect(await unitRow(gridId)).toEqual(original);
    expect(await readable(street)).toBe(recordIds.length);
    expect(await readable(otherStreetStaff.client)).toBe(0);
  });

  it("moves a community to another street: its grids take the new community code; a unit that holds anything is not deleted", async () => {
    const codes = await codesInTree();
    const communityCode = nextFreeOrgUnitCode("community", JIFENG, codes)!;
    const community = await mustCreate(countyAdmin.client, JIFENG, "试点社区", "community", communityCode);
    const gridUnit = await mustCreate(countyAdmin.client, communityCode, "试点网格", "grid", `${communityCode}001`);
    const newCode = nextFreeOrgUnitCode("community", SHIJIACHONG_STREET, await codesInTree())!;

    const moved = await countyAdmin.client.rpc("move_org_unit", { p_id: community.id, p_new_parent_id: await unitId(SHIJIACHONG_STREET), p_new_code: newCode });
    expect(moved.error).toBeNull();
    const child = await unitRow(gridUnit.id);
    expect(child).toMatchObject({ code: `${newCode}001`, parent_id: community.id });
    expect(child.path).toBe(`${(await unitRow(community.id)).path}.${gridUnit.id}`);
    expect((await auditOf(gridUnit.id)).at(-1)).toMatchObject({ action: "update", before: { code: `${communityCode}001` }, after: { code: `${newCode}001` } });

    const full = await countyAdmin.client.rpc("delete_org_unit", { p_id: community.id });
    expect(refusal(full.error)).toEqual({ code: "PT409", message: "org_unit_not_empty" });
    expect(JSON.parse(full.error!.details)).toEqual({ children: 1 });
    await mustDelete(countyAdmin.client, gridUnit.id);
    await mustDelete(countyAdmin.client, community.id);
  });

  it("refuses to delete a demo grid that has records and members, naming what is left", async () => {
    const { error } = await admin.rpc("delete_org_unit", { p_id: await unitId(`${GUNIUPING}001`) });
    expect(refusal(error)).toEqual({ code: "PT409", message: "org_unit_not_empty" });
    expect(JSON.parse(error!.details)).toMatchObject({ memberships: 1, records: expect.any(Number) });
    expect(error?.hint).toMatch(/成员身份.*memberships/);
    expect(await unitRow(await unitId(`${GUNIUPING}001`))).toBeDefined();
  });
});
