// The designer's 权限 page saves its collected changes with set_service_grants: all or nothing,
// only administrators of the owning unit or above, every change audited, and a change set that
// would leave update/delete/export/view_sensitive without read refused with nothing changed.
// A definition granting such an action without read is refused at publish with the same code
// the browser's parser uses. count_role_members tells the administrator how many people hold each
// role in the unit's subtree. Every refusal has its allowed case, through the API as real users.
import type { SupabaseClient } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fieldTypes } from "@/field-types";
import { parseServiceDefinition } from "@/services/schema";
import { signedIn, TestWorld, unitId, units, type TestPerson } from "../support/access-fixtures.ts";
import { run, sql } from "../support/engine-fixtures";

const world = new TestWorld();
let admin: SupabaseClient; // community_admin of 牯牛坪社区
let staff: SupabaseClient; // staff of 牯牛坪社区
let leader: SupabaseClient; // leader of 吉首市
let wanxiAdmin: TestPerson; // community_admin of the sibling 湾溪社区
let owner: string;

beforeAll(async () => {
  admin = await signedIn("admin@demo.local");
  staff = await signedIn("staff@demo.local");
  leader = await signedIn("leader@demo.local");
  wanxiAdmin = await world.person("wanxi-admin", { role: "community_admin", unitCode: units.wanxi });
  owner = await unitId(units.guniuping);
});
afterAll(() => world.cleanup());

type Change = { role_key: string; action: string; granted: boolean };
type Grant = { service_id: string; role_key: string; action: string };

const saveGrants = (c: SupabaseClient, serviceId: string, changes: Change[] | unknown) =>
  c.rpc("set_service_grants", { p_service_id: serviceId, p_changes: changes });

const grantsOf = async (serviceId: string): Promise<string[]> =>
  (await sql<Grant>("select * from public.service_role_grants where service_id = $1", [serviceId])).map((g) => `${g.role_key}:${g.action}`).sort();

const auditCount = async (serviceId: string): Promise<number> =>
  Number(
    (await sql<{ n: string }>("select count(*) n from public.audit_log where table_name = 'service_role_grants' and row_id like $1", [`${serviceId},%`]))[0].n,
  );

const basePermissions = {
  community_admin: ["read", "create", "update", "delete", "export", "view_sensitive"],
  staff: ["read", "create", "update", "export"],
  grid_worker: ["read", "create"],
  leader: ["read", "export"],
};

function definition(key: string, permissions: Record<string, string[]> = basePermissions) {
  return {
    key,
    name: "楼道照明报修",
    category: "议事协商",
    icon: "BulbOutlined",
    description: "居民报修楼道照明，由社区工作人员处理。",
    purpose: "登记报修位置以便处理。",
    fields: [{ key: "place", label: "位置", type: "text", required: true, maxLength: 40 }],
    list: { columns: ["place", "status"] },
    workflow: {
      initial: "open",
      states: [
        { key: "open", label: "待处理", color: "blue" },
        { key: "done", label: "已处理", color: "success", terminal: true },
      ],
      transitions: [{ key: "finish", label: "处理完成", from: ["open"], to: "done", roles: ["staff"] }],
    },
    permissions,
  };
}

async function publishedService(suffix: string): Promise<string> {
  const created = await admin.rpc("create_service", { p_definition: definition(`grants_batch_${run}_${suffix}`), p_owner_org_unit_id: owner });
  expect(created.error).toBeNull();
  const published = await admin.rpc("publish_service", { p_service_id: created.data.id, p_definition: null, p_expected_row_version: 1 });
  expect(published.error).toBeNull();
  return created.data.id as string;
}

describe("set_service_grants", () => {
  it("an administrator of the owning unit saves several changes at once; each is audited under the owning unit", async () => {
    const id = await publishedService("a");
    const before = await auditCount(id);
    const changes: Change[] = [
      { role_key: "leader", action: "export", granted: false },
      { role_key: "leader", action: "read", granted: false },
      { role_key: "grid_worker", action: "update", granted: true },
      { role_key: "grid_worker", action: "create", granted: true }, // already held: no change, no entry
    ];
    const saved = await saveGrants(admin, id, changes);
    expect(saved.error).toBeNull();
    expect((saved.data as Grant[]).map((g) => `${g.role_key}:${g.action}`)).toEqual(await grantsOf(id));
    expect(await grantsOf(id)).toEqual([
      "community_admin:create",
      "community_admin:delete",
      "community_admin:export",
      "community_admin:read",
      "community_admin:update",
      "community_admin:view_sensitive",
      "grid_worker:create",
      "grid_worker:read",
      "grid_worker:update",
      "staff:create",
      "staff:export",
      "staff:read",
      "staff:update",
    ]);

    expect(await auditCount(id)).toBe(before + 3);
    const adminId = (await admin.auth.getUser()).data.user!.id;
    const { data: entries, error } = await admin
      .from("audit_log")
      .select("row_id, action, actor, org_unit_id")
      .eq("table_name", "service_role_grants")
      .like("row_id", `${id},%`)
      .eq("actor", adminId)
      .order("id");
    expect(error).toBeNull();
    // the publish's seeding from the definition came first, by the same administrator
    expect(entries!.slice(-3)).toEqual([
      { row_id: `${id},leader,export`, action: "delete", actor: adminId, org_unit_id: owner },
      { row_id: `${id},leader,read`, action: "delete", actor: adminId, org_unit_id: owner },
      { row_id: `${id},grid_worker,update`, action: "insert", actor: adminId, org_unit_id: owner },
    ]);
  });

  it("refuses staff, a leader and an administrator outside the owning unit's subtree; nothing changes", async () => {
    const id = await publishedService("f");
    const grants = await grantsOf(id);
    const changes: Change[] = [{ role_key: "grid_worker", action: "export", granted: true }];
    for (const c of [staff, leader, wanxiAdmin.client]) {
      expect((await saveGrants(c, id, changes)).error).toMatchObject({ code: "PT403", message: "service_forbidden" });
    }
    expect(await grantsOf(id)).toEqual(grants);
    // positive control: the owning unit's administrator may
    expect((await saveGrants(admin, id, changes)).error).toBeNull();
    expect(await grantsOf(id)).toContain("grid_worker:export");
  });

  it("refuses a change set that leaves an action needing read without read, naming role and action; nothing of the set is applied", async () => {
    const id = await publishedService("d");
    const grants = await grantsOf(id);
    const audited = await auditCount(id);

    // staff would keep update and export without read; the volunteer change before it goes too
    const refused = await saveGrants(admin, id, [
      { role_key: "volunteer", action: "create", granted: true },
      { role_key: "staff", action: "read", granted: false },
    ]);
    expect(refused.error).toMatchObject({ code: "PT400", message: "permission_needs_read" });
    expect(JSON.parse(refused.error!.details)).toEqual({ role_key: "staff", action: "update" });
    expect(refused.error!.hint).toContain("工作人员");
    expect(refused.error!.hint).toContain("编辑");
    expect(refused.error!.hint).toContain("Staff");
    expect(await grantsOf(id)).toEqual(grants);
    expect(await auditCount(id)).toBe(audited);

    // a new export without read is refused as well …
    const exportOnly = await saveGrants(admin, id, [{ role_key: "volunteer", action: "export", granted: true }]);
    expect(exportOnly.error).toMatchObject({ code: "PT400", message: "permission_needs_read" });
    expect(JSON.parse(exportOnly.error!.details)).toEqual({ role_key: "volunteer", action: "export" });
    // … and accepted with read in the same set; create alone needs no read
    expect((await saveGrants(admin, id, [{ role_key: "volunteer", action: "create", granted: true }])).error).toBeNull();
    expect(
      (
        await saveGrants(admin, id, [
          { role_key: "volunteer", action: "export", granted: true },
          { role_key: "volunteer", action: "read", granted: true },
        ])
      ).error,
    ).toBeNull();
    // taking read away together with everything that needs it is fine
    expect(
      (
        await saveGrants(admin, id, [
          { role_key: "staff", action: "read", granted: false },
          { role_key: "staff", action: "update", granted: false },
          { role_key: "staff", action: "export", granted: false },
        ])
      ).error,
    ).toBeNull();
    expect(await grantsOf(id)).toEqual(expect.arrayContaining(["staff:create", "volunteer:create", "volunteer:export", "volunteer:read"]));
    expect(await grantsOf(id)).not.toContain("staff:read");
  });

  it("names malformed changes, unknown roles and actions, unknown and unpublished services", async () => {
    const id = await publishedService("e");
    expect((await saveGrants(admin, id, { role_key: "staff" })).error).toMatchObject({ code: "PT400", message: "grant_changes_invalid" });
    expect((await saveGrants(admin, id, [{ role_key: "staff", action: "read", granted: "yes" }])).error).toMatchObject({
      code: "PT400",
      message: "grant_changes_invalid",
    });
    expect((await saveGrants(admin, id, [{ role_key: "staff", action: "approve", granted: true }])).error).toMatchObject({
      code: "PT400",
      message: "action_invalid",
    });
    expect((await saveGrants(admin, id, [{ role_key: "nobody_here", action: "read", granted: true }])).error).toMatchObject({
      code: "PT400",
      message: "role_not_found",
    });
    expect((await saveGrants(admin, "00000000-0000-4000-8000-000000000000", [])).error).toMatchObject({ code: "PT404", message: "service_not_found" });
    const draft = await admin.rpc("create_service", { p_definition: definition(`grants_batch_${run}_draft`), p_owner_org_unit_id: owner });
    expect(draft.error).toBeNull();
    expect((await saveGrants(admin, draft.data.id, [])).error).toMatchObject({ code: "PT409", message: "service_not_published" });
    // positive control: an empty set on a published service answers the grants
    const empty = await saveGrants(admin, id, []);
    expect(empty.error).toBeNull();
    expect((empty.data as Grant[]).length).toBe((await grantsOf(id)).length);
  });
});

describe("a definition whose permissions give an action needing read without read", () => {
  it("is refused by publish_service and by the browser's parser with the same code; with read it publishes", async () => {
    const bad = definition(`grants_batch_${run}_def`, { ...basePermissions, leader: ["export"], volunteer: ["create"] });
    const parsed = parseServiceDefinition(bad, fieldTypes);
    expect(parsed.ok).toBe(false);
    const browserErrors = parsed.ok ? [] : parsed.errors.map((e) => ({ path: e.path, code: e.code, message_zh: e.message_zh, message_en: e.message_en }));
    expect(browserErrors).toEqual([
      {
        path: "permissions.leader",
        code: "permission_needs_read",
        message_zh: '角色 "leader" 有“导出”权限却没有“查看”：导出需要先能查看记录',
        message_en: 'Role "leader" has export but not read: export needs read',
      },
    ]);

    const created = await admin.rpc("create_service", { p_definition: bad, p_owner_org_unit_id: owner });
    expect(created.error).toBeNull();
    const refused = await admin.rpc("publish_service", { p_service_id: created.data.id, p_definition: null, p_expected_row_version: 1 });
    expect(refused.error).toMatchObject({ code: "PT400", message: "definition_invalid" });
    const dbErrors = (JSON.parse(refused.error!.details) as Record<string, unknown>[]).map(({ path, code, message_zh, message_en }) => ({
      path,
      code,
      message_zh,
      message_en,
    }));
    expect(dbErrors).toEqual(browserErrors);

    const fixed = definition(`grants_batch_${run}_def`, { ...basePermissions, leader: ["read", "export"], volunteer: ["create"] });
    expect(parseServiceDefinition(fixed, fieldTypes).ok).toBe(true);
    expect((await admin.rpc("publish_service", { p_service_id: created.data.id, p_definition: fixed, p_expected_row_version: 1 })).error).toBeNull();
  });
});

describe("count_role_members", () => {
  it("counts distinct active members per role in the unit's subtree, for its administrators only", async () => {
    const counted = await admin.rpc("count_role_members", { p_org_unit_id: owner });
    expect(counted.error).toBeNull();
    const direct = await sql<{ role_key: string; people: string }>(
      `select m.role_key, count(distinct m.user_id) people
         from public.memberships m join public.org_units u on u.id = m.org_unit_id
        where m.status = 'active' and (u.path = (select path from public.org_units where id = $1) or u.path like (select path from public.org_units where id = $1) || '.%')
        group by m.role_key order by m.role_key`,
      [owner],
    );
    expect(counted.data).toEqual(direct.map((d) => ({ role_key: d.role_key, people: Number(d.people) })));
    expect(counted.data).toEqual(expect.arrayContaining([{ role_key: "grid_worker", people: expect.any(Number) }]));

    // a new grid worker in 第一网格 counts; once suspended, no longer
    const before = (counted.data as { role_key: string; people: number }[]).find((r) => r.role_key === "grid_worker")!.people;
    const newcomer = await world.person("grid-newcomer", { role: "grid_worker", unitCode: units.guniupingGrid1 });
    const after = await admin.rpc("count_role_members", { p_org_unit_id: owner });
    expect((after.data as { role_key: string; people: number }[]).find((r) => r.role_key === "grid_worker")!.people).toBe(before + 1);
    await sql("update public.memberships set status = 'suspended' where user_id = $1", [newcomer.id]);
    const suspended = await admin.rpc("count_role_members", { p_org_unit_id: owner });
    expect((suspended.data as { role_key: string; people: number }[]).find((r) => r.role_key === "grid_worker")!.people).toBe(before);

    for (const c of [staff, leader, wanxiAdmin.client]) {
      expect((await c.rpc("count_role_members", { p_org_unit_id: owner })).error).toMatchObject({ code: "PT403", message: "unit_forbidden" });
    }
    expect((await admin.rpc("count_role_members", { p_org_unit_id: "00000000-0000-4000-8000-000000000000" })).error).toMatchObject({
      code: "PT404",
      message: "org_unit_not_found",
    });
  });
});
