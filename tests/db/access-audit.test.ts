// The audit of configuration changes: written by triggers with before/after and the actor,
// readable by administrators within scope and by system administrators, and append-only for
// everyone — the service role and the database owner included.
import type { SupabaseClient } from "@supabase/supabase-js";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonClient, service, signedIn, TestWorld, uniqueMobile, unitId, units, userIdOf, type TestPerson } from "../support/access-fixtures.ts";

const world = new TestWorld();
let admin: SupabaseClient;
let adminId: string;
let grid: SupabaseClient;
let wanxiAdmin: TestPerson;
let sysadmin: TestPerson;
let subject: TestPerson;
let entryIds: number[] = [];

type AuditEntry = {
  id: number;
  table_name: string;
  row_id: string;
  action: string;
  actor: string | null;
  org_unit_id: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
};

async function entriesFor(c: SupabaseClient, table: string, rowId: string): Promise<AuditEntry[]> {
  const { data, error } = await c.from("audit_log").select("*").eq("table_name", table).eq("row_id", rowId).order("id");
  expect(error).toBeNull();
  return data ?? [];
}

beforeAll(async () => {
  admin = await signedIn("admin@demo.local");
  adminId = await userIdOf(admin);
  grid = await signedIn("grid@demo.local");
  wanxiAdmin = await world.person("wanxi-admin", { role: "community_admin", unitCode: units.wanxi });
  sysadmin = await world.person("sysadmin", { role: "system_admin", unitCode: units.prefecture });
  subject = await world.person("audited");
});
afterAll(() => world.cleanup());

describe("what is written", () => {
  it("adding, suspending and removing a membership leaves three entries with before, after and the actor", async () => {
    const grid1 = await unitId(units.guniupingGrid1);
    const added = await admin.from("memberships").insert({ user_id: subject.id, org_unit_id: grid1, role_key: "grid_worker" }).select("id").single();
    expect(added.error).toBeNull();
    const id = added.data!.id;
    expect((await admin.rpc("set_membership_status", { p_membership_id: id, p_status: "suspended" })).error).toBeNull();
    expect((await admin.rpc("remove_membership", { p_membership_id: id })).error).toBeNull();

    const entries = await entriesFor(admin, "memberships", id);
    expect(entries.map((e) => e.action)).toEqual(["insert", "update", "delete"]);
    const [insert, update, remove] = entries;
    expect(insert).toMatchObject({
      actor: adminId,
      org_unit_id: grid1,
      before: null,
      after: expect.objectContaining({ role_key: "grid_worker", status: "active", created_by: adminId }),
    });
    expect(update.before).toMatchObject({ status: "active" });
    expect(update.after).toMatchObject({ status: "suspended" });
    expect(remove).toMatchObject({ after: null, before: expect.objectContaining({ user_id: subject.id }) });
    entryIds = entries.map((e) => e.id);
  });

  it("invitations and custom roles are audited too, roles under their owner unit", async () => {
    const invited = await admin
      .from("invitations")
      .insert({ phone: uniqueMobile(), org_unit_id: await unitId(units.guniupingGrid2), role_key: "staff" })
      .select("id")
      .single();
    world.trackInvitation(invited.data!.id);
    await admin.rpc("revoke_invitation", { p_invitation_id: invited.data!.id });
    const invitationEntries = await entriesFor(admin, "invitations", invited.data!.id);
    expect(invitationEntries.map((e) => [e.action, e.after?.status])).toEqual([
      ["insert", "pending"],
      ["update", "revoked"],
    ]);

    const owner = await unitId(units.guniuping);
    const role = await admin.from("roles").insert({ name: "审计角色", name_en: "Audited role", owner_org_unit_id: owner }).select("key").single();
    world.trackRole(role.data!.key);
    expect(await entriesFor(admin, "roles", role.data!.key)).toEqual([expect.objectContaining({ action: "insert", org_unit_id: owner, actor: adminId })]);
  });
});

describe("who reads it", () => {
  it("the sibling community's admin and a grid worker do not see 牯牛坪's entries; a system administrator sees everything", async () => {
    expect(entryIds).toHaveLength(3);
    expect((await wanxiAdmin.client.from("audit_log").select("id").in("id", entryIds)).data).toEqual([]);
    expect((await grid.from("audit_log").select("id").in("id", entryIds)).data).toEqual([]);
    expect((await sysadmin.client.from("audit_log").select("id").in("id", entryIds)).data).toHaveLength(3);
    // Positive control for the sibling admin: their own community's entries (their membership, made in beforeAll).
    const theirs = await wanxiAdmin.client
      .from("audit_log")
      .select("after")
      .eq("table_name", "memberships")
      .eq("action", "insert")
      .eq("org_unit_id", await unitId(units.wanxi));
    expect(theirs.data!.map((e) => e.after.user_id)).toContain(wanxiAdmin.id);
  });

  it("anon gets nothing", async () => {
    const { data } = await anonClient().from("audit_log").select("*");
    expect(data ?? []).toEqual([]);
  });
});

describe("append-only", () => {
  it("no API role updates, deletes or forges entries, the service role included", async () => {
    const [first] = entryIds;
    for (const c of [admin, sysadmin.client, service]) {
      const update = await c.from("audit_log").update({ action: "delete" }).eq("id", first);
      expect(update.error?.code).toBe("42501");
      const remove = await c.from("audit_log").delete().eq("id", first);
      expect(remove.error?.code).toBe("42501");
      const forge = await c.from("audit_log").insert({ table_name: "memberships", action: "insert" });
      expect(forge.error?.code).toBe("42501");
    }
    expect(await entriesFor(admin, "memberships", (await service.from("audit_log").select("row_id").eq("id", first).single()).data!.row_id)).toHaveLength(3);
  });

  it("even the database owner cannot update, delete or truncate it (trigger, not just grants)", async () => {
    const db = new pg.Client({ connectionString: process.env.SUPABASE_DB_URL });
    await db.connect();
    try {
      for (const sql of [
        `update public.audit_log set actor = null where id = ${entryIds[0]}`,
        `delete from public.audit_log where id = ${entryIds[0]}`,
        "truncate public.audit_log",
      ]) {
        await expect(db.query(sql)).rejects.toThrow(/audit_log_append_only/);
      }
      const { rows } = await db.query("select count(*)::int as n from public.audit_log where id = any($1)", [entryIds]);
      expect(rows[0].n).toBe(3);
    } finally {
      await db.end();
    }
  });
});
