// An account holds nothing until it belongs (issue 7, DESIGN §6). Sign-up is open, so a fresh
// account — and one whose memberships were all suspended — must read no configuration and
// store no file. Each table is read as the stranger and, as the positive control, as a member.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonClient, TestWorld, units, type TestPerson } from "../support/access-fixtures.ts";

const world = new TestWorld();
const db = new pg.Client({ connectionString: process.env.SUPABASE_DB_URL });
const BUCKET = "record-attachments";
let member: TestPerson;
let stranger: TestPerson;
let suspended: TestPerson;

/** Configuration every member reads (the positive control) and nobody else does. */
const CONFIGURATION = ["org_units", "roles", "services", "service_versions", "service_role_grants"] as const;
/** Logs and people: a stranger reads none of it either. */
const OTHERS = ["audit_log", "sensitive_access_log", "storage_access_log", "invitations", "records", "record_events", "record_attachments", "members"] as const;

beforeAll(async () => {
  await db.connect();
  member = await world.person("belongs", { role: "staff", unitCode: units.guniuping });
  suspended = await world.person("suspended", { role: "staff", unitCode: units.guniuping });
  await db.query("update public.memberships set status = 'suspended' where user_id = $1", [suspended.id]);
  // A stranger signs up through the open sign-up, as anyone on the internet can.
  const email = `stranger-${randomUUID().slice(0, 8)}@test.local`;
  const client = anonClient();
  const { data, error } = await client.auth.signUp({ email, password: "Stranger@2026-pw" });
  if (error) throw error;
  world.trackUser(data.user!.id);
  stranger = { id: data.user!.id, email, client };
});
afterAll(async () => {
  await world.cleanup();
  await db.end();
});

async function count(person: TestPerson, table: string): Promise<number> {
  const { data, error } = await person.client.from(table).select("*").limit(5);
  expect(error, `${table}: ${error?.message}`).toBeNull();
  return data!.length;
}

describe("reading configuration", () => {
  it.each(CONFIGURATION)("a member reads %s; a stranger and a suspended member read none of it", async (table) => {
    expect(await count(member, table)).toBeGreaterThan(0);
    expect(await count(stranger, table)).toBe(0);
    expect(await count(suspended, table)).toBe(0);
  });

  it("published_services() answers a member what the three tables give them, and a stranger and a suspended member nothing", async () => {
    type Answer = { services: { id: string; current_version: number; definition: unknown }[]; grants: { service_id: string }[] };
    const ask = async (person: TestPerson) => {
      const { data, error } = await person.client.rpc("published_services");
      expect(error).toBeNull();
      return data as Answer;
    };
    const mine = await ask(member);
    const { data: services } = await member.client.from("services").select("id,current_version").eq("status", "published");
    expect(mine.services.map((s) => s.id).sort()).toEqual(services!.map((s) => s.id).sort());
    for (const service of mine.services) {
      const { data: version } = await member.client
        .from("service_versions")
        .select("definition")
        .eq("service_id", service.id)
        .eq("version", service.current_version)
        .single();
      expect(service.definition).toEqual(version!.definition);
    }
    const { data: grants } = await member.client
      .from("service_role_grants")
      .select("service_id")
      .in(
        "service_id",
        services!.map((s) => s.id),
      );
    expect(mine.grants.length).toBe(grants!.length);
    expect(mine.grants.length).toBeGreaterThan(0);
    for (const outsider of [stranger, suspended]) expect(await ask(outsider)).toEqual({ services: [], grants: [] });
  });

  it.each(OTHERS)("a stranger reads no row of %s", async (table) => {
    expect(await count(stranger, table)).toBe(0);
  });

  it("a stranger still knows who they are: my_context answers with no memberships", async () => {
    const mine = await stranger.client.rpc("my_context");
    expect(mine.error).toBeNull();
    expect(mine.data).toMatchObject({ user_id: stranger.id, memberships: [] });
    const theirs = await member.client.rpc("my_context");
    expect((theirs.data as { memberships: unknown[] }).memberships.length).toBe(1);
  });
});

describe("storing files", () => {
  const upload = (person: TestPerson) =>
    person.client.storage.from(BUCKET).upload(`${person.id}/${randomUUID()}/note.txt`, new Blob(["走访记录"], { type: "text/plain" }));

  it("a member uploads into their folder; a stranger and a suspended member are refused with a reason", async () => {
    expect((await upload(member)).error).toBeNull();
    for (const person of [stranger, suspended]) {
      const { error } = await upload(person);
      expect(error).toMatchObject({ status: 403, statusCode: "403" });
      expect(error!.message).toContain("membership_required");
      expect(error!.message).toContain("请向社区管理员索取邀请链接");
    }
    const { rows } = await db.query("select count(*)::int as n from storage.objects where owner_id = any($1)", [[stranger.id, suspended.id]]);
    expect(rows[0].n).toBe(0);
  });
});
