// Revocation takes effect on the next request (issue 7, DESIGN §6): after a logout, a ban or a
// deletion, the access token the user still holds is refused by the database — PostgREST's
// db-pre-request private.check_request() — and by Storage, although the token itself is still
// validly signed and unexpired. Each refusal follows a positive control with the same token.
// Ban and delete also suspend the user's memberships.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rest, storage, type Reply } from "../support/matrix-api.ts";
import { service, signedIn, TEST_PASSWORD, TestWorld, units, type TestPerson } from "../support/access-fixtures.ts";

const world = new TestWorld();
const db = new pg.Client({ connectionString: process.env.SUPABASE_DB_URL });
const BUCKET = "record-attachments";

beforeAll(() => db.connect());
afterAll(async () => {
  await world.cleanup();
  await db.end();
});

async function tokenOf(person: TestPerson): Promise<string> {
  const { data } = await person.client.auth.getSession();
  return data.session!.access_token;
}

const readServices = (token: string) => rest(token, "/services?select=id&limit=1");
const upload = (token: string, userId: string) =>
  storage(token, `/object/${BUCKET}/${userId}/${randomUUID()}/note.txt`, { method: "POST", body: "巡查记录", headers: { "content-type": "text/plain" } });

/** The database's refusal: HTTP 401 with the stable reason and a hint in Chinese and English. */
function expectRefused(reply: Reply, reason: string): void {
  expect(reply.status, reply.text).toBe(401);
  expect(reply.json).toMatchObject({ code: "PT401", message: reason });
  expect((reply.json as { hint: string }).hint).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
}

/** Storage's refusal of the same token: 401 with the database's reason in the message. */
function expectStorageRefused(reply: Reply, reason: string): void {
  expect(reply.status, reply.text).toBe(401);
  expect((reply.json as { message: string }).message).toContain(reason);
}

async function expectWorks(token: string, userId: string): Promise<void> {
  const read = await readServices(token);
  expect(read.status, read.text).toBe(200);
  expect((read.json as unknown[]).length).toBe(1);
  const stored = await upload(token, userId);
  expect(stored.status, stored.text).toBe(200);
}

const membershipStatuses = async (userId: string) =>
  (await db.query<{ status: string }>("select status from public.memberships where user_id = $1", [userId])).rows.map((r) => r.status);

describe("logout", () => {
  it("a global logout refuses every session's token on the next request, REST and Storage", async () => {
    const person = await world.person("revoke-logout", { role: "staff", unitCode: units.guniuping });
    const other = await signedIn(person.email, TEST_PASSWORD);
    const [token, otherToken] = [await tokenOf(person), (await other.auth.getSession()).data.session!.access_token];
    await expectWorks(token, person.id);
    await expectWorks(otherToken, person.id);

    expect((await person.client.auth.signOut({ scope: "global" })).error).toBeNull();
    expectRefused(await readServices(token), "session_revoked");
    expectRefused(await readServices(otherToken), "session_revoked");
    expectStorageRefused(await upload(token, person.id), "session_revoked");
    expect((await rest(token, "/rpc/my_context", { method: "POST", body: {} })).status).toBe(401);
  });

  it("a local logout refuses only that session; the user's other session keeps working", async () => {
    const person = await world.person("revoke-local", { role: "staff", unitCode: units.guniuping });
    const other = await signedIn(person.email, TEST_PASSWORD);
    const [token, otherToken] = [await tokenOf(person), (await other.auth.getSession()).data.session!.access_token];
    await expectWorks(token, person.id);

    expect((await person.client.auth.signOut({ scope: "local" })).error).toBeNull();
    expectRefused(await readServices(token), "session_revoked");
    expectStorageRefused(await upload(token, person.id), "session_revoked");
    await expectWorks(otherToken, person.id);
  });
});

describe("ban", () => {
  it("a ban refuses the old token and suspends the memberships; lifting it restores sign-in, not the memberships", async () => {
    const person = await world.person("revoke-ban", { role: "staff", unitCode: units.guniuping });
    const token = await tokenOf(person);
    await expectWorks(token, person.id);
    expect(await membershipStatuses(person.id)).toEqual(["active"]);

    expect((await service.auth.admin.updateUserById(person.id, { ban_duration: "24h" })).error).toBeNull();
    expectRefused(await readServices(token), "user_banned");
    expectStorageRefused(await upload(token, person.id), "user_banned");
    expect(await membershipStatuses(person.id)).toEqual(["suspended"]);

    expect((await service.auth.admin.updateUserById(person.id, { ban_duration: "none" })).error).toBeNull();
    const again = await signedIn(person.email, TEST_PASSWORD);
    const fresh = (await again.auth.getSession()).data.session!.access_token;
    // signed in and not refused, but holding nothing until an administrator reactivates them
    const read = await readServices(fresh);
    expect(read.status).toBe(200);
    expect(read.json).toEqual([]);
    expect(await membershipStatuses(person.id)).toEqual(["suspended"]);
  });
});

describe("deletion", () => {
  it("a hard delete refuses the old token; the memberships go with the account", async () => {
    const person = await world.person("revoke-delete", { role: "staff", unitCode: units.guniuping });
    const token = await tokenOf(person);
    await expectWorks(token, person.id);

    expect((await service.auth.admin.deleteUser(person.id)).error).toBeNull();
    expectRefused(await readServices(token), "user_deleted");
    expectStorageRefused(await upload(token, person.id), "user_deleted");
    expect(await membershipStatuses(person.id)).toEqual([]);
  });

  it("a soft delete refuses the old token and suspends the memberships it keeps", async () => {
    const person = await world.person("revoke-soft-delete", { role: "staff", unitCode: units.guniuping });
    const token = await tokenOf(person);
    await expectWorks(token, person.id);

    expect((await service.auth.admin.deleteUser(person.id, true)).error).toBeNull();
    expectRefused(await readServices(token), "user_deleted");
    expectStorageRefused(await upload(token, person.id), "user_deleted");
    expect(await membershipStatuses(person.id)).toEqual(["suspended"]);
    // A soft-deleted account is invisible to the admin API, so the world cannot remove it:
    // delete the row itself, or its profile lingers in other files' scope checks.
    await db.query("delete from auth.users where id = $1", [person.id]);
  });
});

describe("what the check leaves alone", () => {
  it("the service key names no session and passes; a member's live token passes", async () => {
    const asService = await rest(process.env.SUPABASE_SERVICE_ROLE_KEY!, "/services?select=id&limit=1");
    expect(asService.status).toBe(200);
    expect((asService.json as unknown[]).length).toBe(1);
    const person = await world.person("revoke-control", { role: "staff", unitCode: units.guniuping });
    await expectWorks(await tokenOf(person), person.id);
  });

  it("anon claims pass the check; authenticated claims with an unknown session do not", async () => {
    const check = async (role: string, claims: Record<string, unknown>) => {
      await db.query("begin");
      try {
        await db.query(`set local role ${role}`);
        await db.query("select set_config('request.jwt.claims', $1, true)", [JSON.stringify(claims)]);
        await db.query("select private.check_request()");
        return "passed";
      } catch (error) {
        return (error as { code?: string }).code;
      } finally {
        await db.query("rollback");
      }
    };
    expect(await check("anon", { role: "anon" })).toBe("passed");
    const person = await world.person("revoke-claims", { role: "staff", unitCode: units.guniuping });
    const live = JSON.parse(Buffer.from((await tokenOf(person)).split(".")[1], "base64url").toString());
    expect(await check("authenticated", live)).toBe("passed");
    expect(await check("authenticated", { ...live, session_id: randomUUID() })).toBe("PT401");
    expect(await check("authenticated", { role: "authenticated", sub: person.id })).toBe("PT401");
  });

  it("PostgREST runs the check as its db-pre-request, configured in the database", async () => {
    const { rows } = await db.query<{ setting: string }>(
      `select unnest(s.setconfig) as setting from pg_db_role_setting s join pg_roles r on r.oid = s.setrole where r.rolname = 'authenticator'`,
    );
    expect(rows.map((r) => r.setting)).toContain("pgrst.db_pre_request=private.check_request");
  });
});
