// Membership administration as real users through PostgREST: who may list, add, suspend and
// remove memberships, and the custom roles of a community. Each refusal has its positive control.
import type { SupabaseClient } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonClient, membershipsOf, run, signedIn, TestWorld, unitId, units, userIdOf, type TestPerson } from "../support/access-fixtures.ts";

const world = new TestWorld();
let admin: SupabaseClient;
let grid: SupabaseClient;
let wanxiAdmin: TestPerson;
let newcomer: TestPerson;

beforeAll(async () => {
  admin = await signedIn("admin@demo.local");
  grid = await signedIn("grid@demo.local");
  wanxiAdmin = await world.person("wanxi-admin", { role: "community_admin", unitCode: units.wanxi });
  newcomer = await world.person("newcomer");
});
afterAll(() => world.cleanup());

async function addMembership(c: SupabaseClient, userId: string, unitCode: string, roleKey: string) {
  return c
    .from("memberships")
    .insert({ user_id: userId, org_unit_id: await unitId(unitCode), role_key: roleKey })
    .select("id")
    .maybeSingle();
}

describe("listing members", () => {
  it("an admin lists the members of their community and its grids, not of a sibling community", async () => {
    const { data, error } = await admin.from("members").select("display_name, role_key, org_unit_name, status");
    expect(error).toBeNull();
    expect(data).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ display_name: "龙建军", role_key: "grid_worker", org_unit_name: "第一网格", status: "active" }),
        expect.objectContaining({ display_name: "彭丽", role_key: "staff", org_unit_name: "牯牛坪社区" }),
      ]),
    );
    expect(data!.map((m) => m.display_name)).not.toContain(`wanxi-admin-${run}`);

    const theirs = await wanxiAdmin.client.from("members").select("display_name");
    expect(theirs.data!.map((m) => m.display_name)).toEqual([`wanxi-admin-${run}`]);
  });
});

describe("managing memberships", () => {
  let membershipId: string;

  it("an admin adds a membership in scope; the sibling community's admin cannot add, suspend or remove there", async () => {
    const added = await addMembership(admin, newcomer.id, units.guniupingGrid1, "grid_worker");
    expect(added.error).toBeNull();
    membershipId = added.data!.id;

    const foreignAdd = await addMembership(wanxiAdmin.client, newcomer.id, units.guniupingGrid2, "grid_worker");
    expect(foreignAdd.error?.code).toBe("42501");
    const foreignSuspend = await wanxiAdmin.client.rpc("set_membership_status", { p_membership_id: membershipId, p_status: "suspended" });
    expect(foreignSuspend.error?.code).toBe("42501");
    const foreignRemove = await wanxiAdmin.client.rpc("remove_membership", { p_membership_id: membershipId });
    expect(foreignRemove.error?.code).toBe("42501");
    expect((await membershipsOf(admin, newcomer.id))[0]).toMatchObject({ status: "active" });

    // Positive control for the sibling admin: in their own community they may.
    const own = await addMembership(wanxiAdmin.client, newcomer.id, units.wanxiGrid1, "volunteer");
    expect(own.error).toBeNull();
    expect((await wanxiAdmin.client.rpc("remove_membership", { p_membership_id: own.data!.id })).error).toBeNull();
  });

  it("a suspended user's very next request sees nothing scoped; reactivation restores it", async () => {
    const before = await newcomer.client.rpc("my_context");
    expect(before.data.memberships).toEqual([expect.objectContaining({ role_key: "grid_worker", org_unit_name: "第一网格" })]);
    const peersBefore = await newcomer.client.from("profiles").select("display_name");
    expect(peersBefore.data!.map((p) => p.display_name)).toContain("龙建军");

    const suspended = await admin.rpc("set_membership_status", { p_membership_id: membershipId, p_status: "suspended" });
    expect(suspended.error).toBeNull();
    expect(suspended.data).toMatchObject({ status: "suspended" });

    const during = await newcomer.client.rpc("my_context");
    expect(during.data.memberships).toEqual([]);
    const peersDuring = await newcomer.client.from("profiles").select("display_name");
    expect(peersDuring.data!.map((p) => p.display_name)).toEqual([`newcomer-${run}`]);
    const scopedDuring = await newcomer.client.from("members").select("user_id").neq("user_id", newcomer.id);
    expect(scopedDuring.data).toEqual([]);

    expect((await admin.rpc("set_membership_status", { p_membership_id: membershipId, p_status: "active" })).error).toBeNull();
    const after = await newcomer.client.rpc("my_context");
    expect(after.data.memberships).toHaveLength(1);
    expect((await newcomer.client.from("profiles").select("display_name")).data!.map((p) => p.display_name)).toContain("龙建军");
  });

  it("a grid worker cannot manage memberships, not even in their own grid", async () => {
    const add = await addMembership(grid, newcomer.id, units.guniupingGrid1, "volunteer");
    expect(add.error?.code).toBe("42501");
    const suspend = await grid.rpc("set_membership_status", { p_membership_id: membershipId, p_status: "suspended" });
    expect(suspend.error?.code).toBe("42501");
    const remove = await grid.rpc("remove_membership", { p_membership_id: membershipId });
    expect(remove.error?.code).toBe("42501");
    // They still read their grid's members (positive control: the row exists and is theirs to see).
    expect((await membershipsOf(grid, newcomer.id))[0]).toMatchObject({ status: "active" });
  });

  it("only a system administrator grants or manages system_admin", async () => {
    const refused = await addMembership(admin, newcomer.id, units.guniuping, "system_admin");
    expect(refused.error?.code).toBe("42501");

    const sysadmin = await world.person("sysadmin", { role: "system_admin", unitCode: units.prefecture });
    const granted = await addMembership(sysadmin.client, newcomer.id, units.guniuping, "system_admin");
    expect(granted.error).toBeNull();
    const adminSuspends = await admin.rpc("set_membership_status", { p_membership_id: granted.data!.id, p_status: "suspended" });
    expect(adminSuspends.error?.code).toBe("42501");
    expect((await sysadmin.client.rpc("remove_membership", { p_membership_id: granted.data!.id })).error).toBeNull();
  });

  it("nobody changes their own memberships: role, status or a new one for themselves", async () => {
    const adminId = await userIdOf(admin);
    const [own] = await membershipsOf(admin, adminId);
    const roleChange = await admin.from("memberships").update({ role_key: "system_admin" }).eq("id", own.id).select();
    expect(roleChange.error?.code).toBe("42501");
    const selfSuspend = await admin.rpc("set_membership_status", { p_membership_id: own.id, p_status: "suspended" });
    expect(selfSuspend.error?.code).toBe("42501");
    const selfAdd = await addMembership(admin, adminId, units.guniupingGrid1, "staff");
    expect(selfAdd.error?.code).toBe("42501");
    expect(await membershipsOf(admin, adminId)).toEqual([expect.objectContaining({ role_key: "community_admin", status: "active" })]);
    // Positive control: the same admin changes someone else's status.
    expect((await admin.rpc("set_membership_status", { p_membership_id: membershipId, p_status: "active" })).error).toBeNull();
  });

  it("an admin removes a membership in scope", async () => {
    expect((await admin.rpc("remove_membership", { p_membership_id: membershipId })).error).toBeNull();
    expect(await membershipsOf(admin, newcomer.id)).toEqual([]);
  });
});

describe("custom roles", () => {
  it("an admin creates, renames, assigns and (once unused) deletes a role of their community; presets and others' roles stay", async () => {
    const owner = await unitId(units.guniuping);
    const created = await admin.from("roles").insert({ name: "楼栋长", name_en: "Building steward", owner_org_unit_id: owner }).select().single();
    expect(created.error).toBeNull();
    const key: string = created.data!.key;
    world.trackRole(key);
    expect(created.data).toMatchObject({ is_preset: false, owner_org_unit_id: owner });

    const renamed = await admin.from("roles").update({ name: "楼栋长（新）" }).eq("key", key).select();
    expect(renamed.data).toEqual([expect.objectContaining({ name: "楼栋长（新）" })]);
    const foreignRename = await wanxiAdmin.client.from("roles").update({ name: "篡改" }).eq("key", key).select();
    expect(foreignRename.data).toEqual([]);
    const foreignCreate = await wanxiAdmin.client.from("roles").insert({ name: "越权", name_en: "x", owner_org_unit_id: owner });
    expect(foreignCreate.error?.code).toBe("42501");
    const gridCreate = await grid.from("roles").insert({ name: "越权", name_en: "x", owner_org_unit_id: await unitId(units.guniupingGrid1) });
    expect(gridCreate.error?.code).toBe("42501");
    const presetRename = await admin.from("roles").update({ name: "改预置" }).eq("key", "staff").select();
    expect(presetRename.data).toEqual([]);
    const presetDelete = await admin.from("roles").delete().eq("key", "staff").select();
    expect(presetDelete.data).toEqual([]);

    // Assignable in the owner's subtree only.
    const outside = await addMembership(wanxiAdmin.client, newcomer.id, units.wanxiGrid1, key);
    expect(outside.error?.code).toBe("42501");
    const held = await addMembership(admin, newcomer.id, units.guniupingGrid2, key);
    expect(held.error).toBeNull();
    const inUse = await admin.from("roles").delete().eq("key", key);
    expect(inUse.error?.code).toBe("CGR01");

    expect((await admin.rpc("remove_membership", { p_membership_id: held.data!.id })).error).toBeNull();
    const deleted = await admin.from("roles").delete().eq("key", key).select();
    expect(deleted.data).toHaveLength(1);
  });
});

describe("anon", () => {
  it("gets nothing from memberships, members or roles, and cannot call the RPCs", async () => {
    const anon = anonClient();
    for (const table of ["memberships", "members", "roles"]) {
      const { data } = await anon.from(table).select("*");
      expect(data ?? []).toEqual([]);
    }
    const rpc = await anon.rpc("set_membership_status", { p_membership_id: "00000000-0000-4000-8000-000000000000", p_status: "active" });
    expect(rpc.error).not.toBeNull();
  });
});
