// The 审计日志 page's data (issue #7, item 7; 20261130050400): list_audit_events merges
// configuration changes, sensitive-data views (refused ones too), auth events and storage writes
// of the administrator's scope, filtered and paginated in the database; list_auth_events exposes
// auth.audit_log_entries for the caller's scope only. Non-administrators are refused. Acting as
// real users through PostgREST.
import type { SupabaseClient } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonClient, run, signedIn, TestWorld, units, userIdOf, type TestPerson } from "../support/access-fixtures.ts";
import { as, elderlyCardData, mustCreate, UNITS } from "../support/engine-fixtures";

type AuditEvent = {
  kind: string;
  entry_id: string;
  at: string;
  actor: string | null;
  actor_name: string | null;
  action: string;
  subject: string | null;
  detail: Record<string, unknown>;
  total: number;
};
type AuthEvent = { id: string; actor: string | null; actor_username: string; action: string; total: number };

const world = new TestWorld();
let admin: SupabaseClient;
let grid: SupabaseClient;
let gridId: string;
let wanxiAdmin: TestPerson;
let sysadmin: TestPerson;
const startedAt = new Date(Date.now() - 1000).toISOString();

async function list(c: SupabaseClient, args: Record<string, unknown>): Promise<AuditEvent[]> {
  const { data, error } = await c.rpc("list_audit_events", { p_from: startedAt, ...args });
  expect(error).toBeNull();
  return data as AuditEvent[];
}

beforeAll(async () => {
  admin = await signedIn("admin@demo.local");
  grid = await signedIn("grid@demo.local"); // a sign-in event of a member of 牯牛坪's grid
  gridId = await userIdOf(grid);
  wanxiAdmin = await world.person("wanxi-admin", { role: "community_admin", unitCode: units.wanxi });
  sysadmin = await world.person("sysadmin", { role: "system_admin", unitCode: units.prefecture });
  // a refused unmask by the grid worker (no view_sensitive on 老年优待证)
  const row = await mustCreate(await as("staff"), "elderly_benefit", UNITS.guniupingGrid1, await elderlyCardData());
  const refused = await grid.rpc("unmask_record_field", { p_record_id: row.id, p_field: "applicant_id_number", p_reason: `审计测试 ${run}` });
  expect(refused.status).toBe(403);
  // a failed sign-in to an account that does not exist
  await anonClient().auth.signInWithPassword({ email: `nobody-${run}@test.local`, password: "wrong-password-1" });
});
afterAll(() => world.cleanup());

describe("who may list", () => {
  it("administrators may; a grid worker gets 403 audit_forbidden, anon 401", async () => {
    expect((await list(admin, { p_limit: 5 })).length).toBeGreaterThan(0);
    for (const fn of ["list_audit_events", "list_auth_events"]) {
      const refused = await grid.rpc(fn, {});
      expect({ fn, status: refused.status, message: refused.error?.message }).toEqual({ fn, status: 403, message: "audit_forbidden" });
      expect(refused.error!.hint).toMatch(/管理员.*\/ .*administrators/);
      const anonymous = await anonClient().rpc(fn, {});
      expect({ fn, status: anonymous.status }).toEqual({ fn, status: 401 });
    }
  });
});

describe("what an administrator sees", () => {
  it("the grid worker's sign-in and refused unmask, filtered by kind and user", async () => {
    const auth = await list(admin, { p_kinds: ["auth"], p_user: gridId });
    expect(auth.length).toBeGreaterThan(0);
    expect(auth.every((e) => e.kind === "auth" && e.actor === gridId)).toBe(true);
    expect(auth.map((e) => e.action)).toContain("login");

    const sensitive = await list(admin, { p_kinds: ["sensitive"], p_user: gridId });
    // Only this kind and this person; a file just before may have logged the same account too.
    expect(sensitive.every((e) => e.kind === "sensitive" && e.actor === gridId)).toBe(true);
    expect(sensitive.filter((e) => e.detail?.reason === `审计测试 ${run}`)).toEqual([
      expect.objectContaining({
        kind: "sensitive",
        action: "unmask_refused",
        actor: gridId,
        detail: expect.objectContaining({ refusal: "unmask_forbidden", reason: `审计测试 ${run}` }),
      }),
    ]);
  });

  it("not the auth events of another community's people; the system administrator sees those and unknown accounts' failures", async () => {
    const wanxiLogins = await list(admin, { p_kinds: ["auth"], p_user: wanxiAdmin.id });
    expect(wanxiLogins).toEqual([]);
    const seenBySysadmin = await list(sysadmin.client, { p_kinds: ["auth"], p_user: wanxiAdmin.id });
    expect(seenBySysadmin.map((e) => e.action)).toContain("login");

    const failures = (c: SupabaseClient) => c.rpc("list_auth_events", { p_from: startedAt, p_limit: 1000 });
    const bySysadmin = (await failures(sysadmin.client)).data as AuthEvent[];
    expect(bySysadmin.some((e) => e.action === "login_failed" && e.actor_username === `nobody-${run}@test.local`)).toBe(true);
    const byAdmin = (await failures(admin)).data as AuthEvent[];
    expect(byAdmin.some((e) => e.actor_username === `nobody-${run}@test.local`)).toBe(false);
    expect(byAdmin.every((e) => e.actor !== wanxiAdmin.id)).toBe(true);
  });

  it("configuration changes, e.g. a profile rename of a member", async () => {
    // The demo grid worker's name is what other files expect: rename, check, and rename back.
    const original = (await grid.from("profiles").select("display_name").eq("id", gridId).single()).data!.display_name as string;
    try {
      const renamed = await grid
        .from("profiles")
        .update({ display_name: `审计名${run}` })
        .eq("id", gridId);
      expect(renamed.error).toBeNull();
      const config = await list(admin, { p_kinds: ["config"], p_user: gridId });
      expect(config[0]).toMatchObject({ kind: "config", action: "profiles.update", subject: gridId, actor_name: `审计名${run}` });
    } finally {
      await grid.from("profiles").update({ display_name: original }).eq("id", gridId);
    }
  });

  it("storage writes as their own kind", async () => {
    const storage = await list(admin, { p_kinds: ["storage"], p_from: null });
    expect(storage.every((e) => e.kind === "storage")).toBe(true);
  });
});

describe("pagination and ranges", () => {
  it("pages do not overlap, share the total, and come newest first; a future range is empty", async () => {
    const first = await list(admin, { p_from: null, p_limit: 3, p_offset: 0 });
    const second = await list(admin, { p_from: null, p_limit: 3, p_offset: 3 });
    expect(first).toHaveLength(3);
    expect(first[0].total).toBeGreaterThan(6);
    expect(second[0].total).toBe(first[0].total);
    const key = (e: AuditEvent) => `${e.kind}:${e.entry_id}`;
    expect(first.map(key).filter((k) => second.map(key).includes(k))).toEqual([]);
    expect(new Date(first[2].at).getTime()).toBeGreaterThanOrEqual(new Date(second[0].at).getTime());
    expect(await list(admin, { p_from: "2999-01-01T00:00:00Z" })).toEqual([]);
  });
});
