// Session and account semantics as hosted GoTrue has them: a password change ends the user's other
// sessions (an admin's ends all of them); users are inserted unconfirmed with role '' and then
// confirmed by UPDATEs, so triggers on auth.users meet what they meet on hosted; metadata, which
// rides in every token, is capped at 16 KB.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { admin, anon, authCall, dbUrl, makeUser, PASSWORD, remember, removeMadeUsers, uniqueEmail } from "../support/auth-wire";

const db = new pg.Client({ connectionString: dbUrl });

beforeAll(async () => {
  await db.connect();
});

afterAll(async () => {
  await db.end();
  await removeMadeUsers();
});

async function session(email: string, password = PASSWORD) {
  const c = anon();
  const { data, error } = await c.auth.signInWithPassword({ email, password });
  if (error) throw error;
  return { client: c, session: data.session! };
}

const refresh = (refreshToken: string) => authCall("/token?grant_type=refresh_token", { body: { refresh_token: refreshToken } });

describe("a password change ends sessions", () => {
  it("PUT /user: the other sessions end (refresh and access refused), the current one lives on", async () => {
    const user = await makeUser("pw-change");
    const current = await session(user.email);
    const other = await session(user.email);
    const { error } = await current.client.auth.updateUser({ password: "Changed@2026" });
    expect(error).toBeNull();
    const otherRefresh = await refresh(other.session.refresh_token);
    expect(otherRefresh.status).toBe(400);
    expect(otherRefresh.body.error_code).toBe("refresh_token_not_found");
    const otherUser = await authCall("/user", { method: "GET", token: other.session.access_token });
    expect(otherUser.body.error_code).toBe("session_not_found");
    // The session that made the change keeps working.
    expect((await refresh(current.session.refresh_token)).status).toBe(200);
  });

  it("a metadata-only change ends nothing", async () => {
    const user = await makeUser("meta-change");
    const current = await session(user.email);
    const other = await session(user.email);
    expect((await current.client.auth.updateUser({ data: { title: "网格员" } })).error).toBeNull();
    expect((await refresh(other.session.refresh_token)).status).toBe(200);
  });

  it("an admin's password change ends every session of the user", async () => {
    const user = await makeUser("admin-pw");
    const one = await session(user.email);
    const two = await session(user.email);
    expect((await admin.auth.admin.updateUserById(user.id, { password: "ByAdmin@2026" })).error).toBeNull();
    expect((await refresh(one.session.refresh_token)).status).toBe(400);
    expect((await refresh(two.session.refresh_token)).status).toBe(400);
    expect((await anon().auth.signInWithPassword({ email: user.email, password: "ByAdmin@2026" })).error).toBeNull();
  });

  it("passwords need 8 characters with letters and digits (weak_password), as supabase/config.toml sets for hosted", async () => {
    const user = await makeUser("weak");
    const { client } = await session(user.email);
    const short = await client.auth.updateUser({ password: "Ab1" });
    expect(short.error?.code).toBe("weak_password");
    const noDigit = await client.auth.updateUser({ password: "OnlyLetters" });
    expect(noDigit.error?.code).toBe("weak_password");
    expect((await client.auth.updateUser({ password: "Letters4nd5" })).error).toBeNull();
  });
});

describe("users are created as GoTrue creates them", () => {
  const probe = `auth_probe_${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    // A trigger on auth.users (allowed on hosted) that records what each statement wrote.
    await db.query(`create schema ${probe}`);
    await db.query(`create table ${probe}.seen (at serial, op text, user_id uuid, role text, email_confirmed boolean, phone_confirmed boolean)`);
    await db.query(`create function ${probe}.record() returns trigger language plpgsql security definer set search_path = '' as $$
      begin
        insert into ${probe}.seen (op, user_id, role, email_confirmed, phone_confirmed)
        values (tg_op, new.id, new.role, new.email_confirmed_at is not null, new.phone_confirmed_at is not null);
        return null;
      end $$`);
    await db.query(`create trigger ${probe}_record after insert or update on auth.users for each row execute function ${probe}.record()`);
  });

  afterAll(async () => {
    // Dropping the trigger itself needs the table's owner; the cascade from our schema does not.
    await db.query(`drop schema ${probe} cascade`);
  });

  const seen = async (userId: string) =>
    (await db.query(`select op, role, email_confirmed, phone_confirmed from ${probe}.seen where user_id = $1 order by at`, [userId])).rows;

  it("sign-up: insert with role '' unconfirmed, then role, then confirmation", async () => {
    const { data, error } = await anon().auth.signUp({ email: uniqueEmail("probe"), password: PASSWORD });
    expect(error).toBeNull();
    remember(data.user!.id);
    const rows = await seen(data.user!.id);
    expect(rows[0]).toEqual({ op: "INSERT", role: "", email_confirmed: false, phone_confirmed: false });
    expect(rows).toContainEqual({ op: "UPDATE", role: "authenticated", email_confirmed: false, phone_confirmed: false });
    expect(rows).toContainEqual({ op: "UPDATE", role: "authenticated", email_confirmed: true, phone_confirmed: false });
  });

  it("admin createUser with both confirmations: the same, phone confirmed by its own update", async () => {
    const { data, error } = await admin.auth.admin.createUser({
      email: uniqueEmail("probe-admin"),
      phone: `+8613${String(Date.now()).slice(-9)}`,
      password: PASSWORD,
      email_confirm: true,
      phone_confirm: true,
    });
    expect(error).toBeNull();
    const user = data.user!;
    remember(user.id);
    const rows = await seen(user.id);
    expect(rows[0]).toMatchObject({ op: "INSERT", role: "", email_confirmed: false, phone_confirmed: false });
    expect(rows.at(-1)).toEqual({ op: "UPDATE", role: "authenticated", email_confirmed: true, phone_confirmed: true });
    expect(user.email_confirmed_at).toBeTruthy();
    expect(user.role).toBe("authenticated");
  });
});

describe("metadata is capped at 16 KB", () => {
  const blob = (bytes: number) => ({ blob: "x".repeat(bytes) });

  it("PUT /user: 15 KB is kept, 17 KB is 422 with a message in Chinese and English, and nothing changes", async () => {
    const user = await makeUser("meta-size");
    const { client } = await session(user.email);
    expect((await client.auth.updateUser({ data: blob(15_000) })).error).toBeNull();
    const refused = await client.auth.updateUser({ data: { ...blob(17_000), other: 1 } });
    expect(refused.error?.status).toBe(422);
    expect(refused.error?.message).toContain("16 KB");
    expect(refused.error?.message).toMatch(/用户资料/);
    const { data } = await client.auth.getUser();
    expect((data.user!.user_metadata.blob as string).length).toBe(15_000);
    expect(data.user!.user_metadata.other).toBeUndefined();
  });

  it("sign-up with 17 KB of data is refused and creates no account; the admin API is held to it too", async () => {
    const email = uniqueEmail("meta-signup");
    const refused = await anon().auth.signUp({ email, password: PASSWORD, options: { data: blob(17_000) } });
    expect(refused.error?.status).toBe(422);
    const { rows } = await db.query("select 1 from auth.users where email = $1", [email]);
    expect(rows).toHaveLength(0);
    const user = await makeUser("meta-admin");
    const viaAdmin = await admin.auth.admin.updateUserById(user.id, { user_metadata: blob(17_000) });
    expect(viaAdmin.error?.status).toBe(422);
  });
});
