// Role grants as data (20261126040300): administrators of a service's owning unit or above
// grant and revoke actions with set_service_grant, the change reaches the affected user's very
// next request, later publishes keep the edits, custom role keys (with digits) can be granted,
// and every change is audited under the owning unit. Every denial has its positive control,
// acting as real users through the API.
import type { SupabaseClient } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseServiceDefinition } from "@/services/schema";
import { signedIn, TestWorld, unitId, units, type TestPerson } from "../support/access-fixtures.ts";
import { run, sql } from "../support/engine-fixtures";
import { fieldTypes } from "@/field-types";

const world = new TestWorld();
let admin: SupabaseClient; // community_admin of 牯牛坪社区
let staff: SupabaseClient;
let grid: SupabaseClient; // grid_worker of 牯牛坪 第一网格
let prefectureAdmin: TestPerson; // community_admin of 湘西州, which owns the built-in services

beforeAll(async () => {
  admin = await signedIn("admin@demo.local");
  staff = await signedIn("staff@demo.local");
  grid = await signedIn("grid@demo.local");
  prefectureAdmin = await world.person("prefecture-admin", { role: "community_admin", unitCode: units.prefecture });
});
afterAll(() => world.cleanup());

type Grant = { service_id: string; role_key: string; action: string };

const setGrant = (c: SupabaseClient, serviceId: string, role: string, action: string, granted: boolean) =>
  c.rpc("set_service_grant", { p_service_id: serviceId, p_role_key: role, p_action: action, p_granted: granted });

const grantsOf = async (serviceId: string): Promise<string[]> =>
  (await sql<Grant>("select * from public.service_role_grants where service_id = $1", [serviceId])).map((g) => `${g.role_key}:${g.action}`).sort();

async function visibleCount(c: SupabaseClient, serviceId: string): Promise<number> {
  const { count, error } = await c.from("records").select("*", { count: "exact", head: true }).eq("service_id", serviceId);
  expect(error).toBeNull();
  return count!;
}

/** A small service for 牯牛坪社区, owned there, so the demo administrator manages it. */
function suggestionService(key: string, permissions: Record<string, string[]>, transitionRoles: string[] = ["staff"]) {
  return {
    key,
    name: "居民建议",
    category: "议事协商",
    icon: "BulbOutlined",
    description: "居民提出的意见和建议，由社区工作人员登记和答复。",
    purpose: "登记建议内容以便答复。",
    fields: [{ key: "title", label: "建议标题", type: "text", required: true, maxLength: 40 }],
    list: { columns: ["title", "status"] },
    workflow: {
      initial: "open",
      states: [
        { key: "open", label: "待答复", color: "blue", slaHours: 72 },
        { key: "answered", label: "已答复", color: "success", terminal: true },
      ],
      transitions: [{ key: "answer", label: "答复", from: ["open"], to: "answered", roles: transitionRoles, requireComment: true }],
    },
    permissions,
  };
}

async function publishedService(definition: ReturnType<typeof suggestionService>): Promise<{ id: string; row_version: number }> {
  const created = await admin.rpc("create_service", { p_definition: definition, p_owner_org_unit_id: await unitId(units.guniuping) });
  expect(created.error).toBeNull();
  const published = await admin.rpc("publish_service", { p_service_id: created.data.id, p_definition: null, p_expected_row_version: 1 });
  expect(published.error).toBeNull();
  return published.data;
}

describe("set_service_grant", () => {
  it("an administrator above the owning unit revokes read for grid workers: their very next request sees no records; re-granting shows them again", async () => {
    const [{ id: gridEvent }] = await sql<{ id: string }>("select id from public.services where key = 'grid_event'");
    try {
      const before = await visibleCount(grid, gridEvent);
      expect(before).toBeGreaterThan(0);
      // the community administrator is below the owning unit (湘西州); staff administer nothing
      for (const c of [staff, admin])
        expect((await setGrant(c, gridEvent, "grid_worker", "read", false)).error).toMatchObject({ code: "PT403", message: "service_forbidden" });
      expect(await visibleCount(grid, gridEvent)).toBe(before);

      const revoked = await setGrant(prefectureAdmin.client, gridEvent, "grid_worker", "read", false);
      expect(revoked.error).toBeNull();
      expect((revoked.data as Grant[]).some((g) => g.role_key === "grid_worker" && g.action === "read")).toBe(false);
      expect(await visibleCount(grid, gridEvent)).toBe(0);
      expect((await grid.from("record_events").select("id").eq("service_id", gridEvent).limit(1)).data).toEqual([]);
      // read went, and with it update, which needs read; create stays (filing without reading back is real)
      expect(await grantsOf(gridEvent)).toEqual(expect.arrayContaining(["grid_worker:create"]));
      expect(await grantsOf(gridEvent)).not.toContain("grid_worker:update");

      expect((await setGrant(prefectureAdmin.client, gridEvent, "grid_worker", "read", true)).error).toBeNull();
      expect(await visibleCount(grid, gridEvent)).toBe(before);
    } finally {
      await sql(
        "insert into public.service_role_grants values ($1, 'grid_worker', 'read'), ($1, 'grid_worker', 'update'), ($1, 'grid_worker', 'view_sensitive') on conflict do nothing",
        [gridEvent],
      );
    }
  });

  it("is audited under the service's owning unit, readable by its administrators", async () => {
    const [{ id: gridEvent, owner }] = await sql<{ id: string; owner: string }>(
      "select id, owner_org_unit_id owner from public.services where key = 'grid_event'",
    );
    try {
      expect((await setGrant(prefectureAdmin.client, gridEvent, "volunteer", "export", true)).error).toBeNull();
      expect((await setGrant(prefectureAdmin.client, gridEvent, "volunteer", "export", false)).error).toBeNull();
      const rowId = `${gridEvent},volunteer,export`;
      const { data } = await prefectureAdmin.client
        .from("audit_log")
        .select("action, actor, org_unit_id, before, after")
        .eq("table_name", "service_role_grants")
        .eq("row_id", rowId)
        .eq("actor", prefectureAdmin.id)
        .order("id");
      expect(data).toEqual([
        {
          action: "insert",
          actor: prefectureAdmin.id,
          org_unit_id: owner,
          before: null,
          after: { service_id: gridEvent, role_key: "volunteer", action: "export" },
        },
        {
          action: "delete",
          actor: prefectureAdmin.id,
          org_unit_id: owner,
          before: { service_id: gridEvent, role_key: "volunteer", action: "export" },
          after: null,
        },
      ]);
      // 牯牛坪's administrator is below 湘西州: the entry is not theirs to read
      expect((await admin.from("audit_log").select("id").eq("table_name", "service_role_grants").eq("row_id", rowId)).data).toEqual([]);
    } finally {
      await sql("delete from public.service_role_grants where service_id = $1 and role_key = 'volunteer' and action = 'export'", [gridEvent]);
    }
  });

  it("names what is wrong: unknown service, unpublished service, invalid action, unknown role", async () => {
    const published = await publishedService(suggestionService(`grants_${run}_e`, { staff: ["read"] }));
    expect((await setGrant(admin, "00000000-0000-4000-8000-000000000000", "staff", "read", true)).error).toMatchObject({
      code: "PT404",
      message: "service_not_found",
    });
    const draft = await admin.rpc("create_service", {
      p_definition: suggestionService(`grants_${run}_d`, { staff: ["read"] }),
      p_owner_org_unit_id: await unitId(units.guniuping),
    });
    expect((await setGrant(admin, draft.data.id, "staff", "read", true)).error).toMatchObject({ code: "PT409", message: "service_not_published" });
    expect((await setGrant(admin, published.id, "staff", "approve", true)).error).toMatchObject({ code: "PT400", message: "action_invalid" });
    expect((await setGrant(admin, published.id, "nobody_here", "read", true)).error).toMatchObject({ code: "PT400", message: "role_not_found" });
    // positive control
    const ok = await setGrant(admin, published.id, "staff", "export", true);
    expect(ok.error).toBeNull();
    expect(await grantsOf(published.id)).toEqual(["staff:export", "staff:read"]);
  });
});

describe("publishing after grants were edited", () => {
  it("keeps every edit and applies only what the definition's permissions changed", async () => {
    const key = `grants_${run}_p`;
    const v1 = { community_admin: ["read", "create", "update"], staff: ["read", "create", "update"], grid_worker: ["read"] };
    const service1 = await publishedService(suggestionService(key, v1));
    expect(await grantsOf(service1.id)).toEqual([
      "community_admin:create",
      "community_admin:read",
      "community_admin:update",
      "grid_worker:read",
      "staff:create",
      "staff:read",
      "staff:update",
    ]);
    expect((await setGrant(admin, service1.id, "staff", "update", false)).error).toBeNull();
    expect((await setGrant(admin, service1.id, "grid_worker", "update", true)).error).toBeNull();

    // v2: the same permissions, plus create for grid workers and a new role
    const v2 = { ...v1, grid_worker: ["read", "create"], leader: ["read"] };
    const published = await admin.rpc("publish_service", {
      p_service_id: service1.id,
      p_definition: suggestionService(key, v2),
      p_expected_row_version: service1.row_version,
    });
    expect(published.error).toBeNull();
    expect(await grantsOf(service1.id)).toEqual([
      "community_admin:create",
      "community_admin:read",
      "community_admin:update",
      "grid_worker:create",
      "grid_worker:read",
      "grid_worker:update", // the edit stays, the definition's addition applies
      "leader:read",
      "staff:create",
      "staff:read", // staff:update stays revoked
    ]);

    // v3: the definition takes read away from grid workers
    const v3 = { ...v2, grid_worker: ["create"] };
    const again = await admin.rpc("publish_service", {
      p_service_id: service1.id,
      p_definition: suggestionService(key, v3),
      p_expected_row_version: published.data.row_version,
    });
    expect(again.error).toBeNull();
    const grants = await grantsOf(service1.id);
    expect(grants).not.toContain("grid_worker:read");
    // the update granted live goes with read: a role never holds it without read
    expect(grants).not.toContain("grid_worker:update");
    expect(grants).toEqual(expect.arrayContaining(["grid_worker:create", "leader:read"]));
    expect(grants).not.toContain("staff:update");

    // the publishes are audited under the owning unit
    const { data: versions } = await admin
      .from("audit_log")
      .select("row_id, action, org_unit_id")
      .eq("table_name", "service_versions")
      .like("row_id", `${service1.id},%`)
      .order("id");
    expect(versions).toEqual([1, 2, 3].map((v) => ({ row_id: `${service1.id},${v}`, action: "insert", org_unit_id: expect.any(String) })));
    expect(new Set(versions!.map((v) => v.org_unit_id))).toEqual(new Set([await unitId(units.guniuping)]));
    const { data: services } = await admin.from("audit_log").select("action").eq("table_name", "services").eq("row_id", service1.id);
    expect(services!.length).toBeGreaterThanOrEqual(4); // created, and each publish
  });
});

describe("custom roles", () => {
  it("a role with digits in its key can be named in a definition, granted, and then reads records", async () => {
    const roleKey = `custom_${run}2026`; // like the generated custom_<md5>: letters and digits
    const role = await admin
      .from("roles")
      .insert({ key: roleKey, name: "楼栋长", name_en: "Building head", owner_org_unit_id: await unitId(units.guniuping) })
      .select("key")
      .single();
    expect(role.error).toBeNull();
    world.trackRole(roleKey);
    const generated = await admin
      .from("roles")
      .insert({ name: "调解员", name_en: "Mediator", owner_org_unit_id: await unitId(units.guniuping) })
      .select("key")
      .single();
    expect(generated.error).toBeNull();
    world.trackRole(generated.data!.key);
    expect(generated.data!.key).toMatch(/^custom_[0-9a-f]{10}$/);

    // the browser's schema and the database both accept the key in permissions and transitions
    const definition = suggestionService(
      `grants_${run}_c`,
      { community_admin: ["read", "create"], staff: ["read", "create"], [generated.data!.key]: ["read"] },
      ["staff", roleKey],
    );
    expect(parseServiceDefinition(definition, fieldTypes)).toMatchObject({ ok: true });
    const published = await publishedService(definition);
    expect(await grantsOf(published.id)).toContain(`${generated.data!.key}:read`);

    const holder = await world.person("building-head");
    const membership = await admin.from("memberships").insert({ user_id: holder.id, org_unit_id: await unitId(units.guniupingGrid1), role_key: roleKey });
    expect(membership.error).toBeNull();
    const { error } = await staff
      .from("records")
      .insert({ service_id: published.id, org_unit_id: await unitId(units.guniupingGrid1), data: { title: "楼道灯坏了" } });
    expect(error).toBeNull();

    expect(await visibleCount(holder.client, published.id)).toBe(0);
    expect((await setGrant(admin, published.id, roleKey, "read", true)).error).toBeNull();
    expect(await visibleCount(holder.client, published.id)).toBe(1);
    expect((await setGrant(admin, published.id, roleKey, "read", false)).error).toBeNull();
    expect(await visibleCount(holder.client, published.id)).toBe(0);
  });

  it("the grants table refuses keys that are not role keys", async () => {
    const [{ id }] = await sql<{ id: string }>("select id from public.services where key = 'grid_event'");
    await expect(sql("insert into public.service_role_grants values ($1, 'Custom_1', 'read')", [id])).rejects.toThrow(/service_role_grants_role_key_check/);
    await expect(sql("insert into public.service_role_grants values ($1, '1custom', 'read')", [id])).rejects.toThrow(/service_role_grants_role_key_check/);
  });
});
