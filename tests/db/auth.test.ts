// The local GoTrue subset, through supabase-js exactly as the SPA uses it, plus raw fetch where
// the exact status and error code on the wire matter. Users are made per run with the admin API.
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import { randomInt, randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signJwt } from "../../supabase/local/jwt.ts";

const url = process.env.SUPABASE_URL!;
const anonKey = process.env.SUPABASE_ANON_KEY!;
const serviceKey = process.env.SUPABASE_SERVICE_ROLE_KEY!;
const dbUrl = process.env.SUPABASE_DB_URL!;
const options = { auth: { persistSession: false, autoRefreshToken: false } };
const PASSWORD = "Test@2026-pw";
const run = randomUUID().slice(0, 8);

const anon = (): SupabaseClient => createClient(url, anonKey, options);
const admin = createClient(url, serviceKey, options);
const created: string[] = [];

type Wire = { status: number; body: Record<string, unknown> };

async function authFetch(path: string, init: { method?: string; body?: unknown; token?: string } = {}): Promise<Wire> {
  const headers: Record<string, string> = { apikey: anonKey, "content-type": "application/json" };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const response = await fetch(`${url}/auth/v1${path}`, {
    method: init.method ?? "POST",
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : {} };
}

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString("utf8"));
}

/** A confirmed user with a unique e-mail and a unique mainland mobile number. */
async function makeUser(extra: Record<string, unknown> = {}) {
  const national = `139${String(randomInt(0, 1e8)).padStart(8, "0")}`;
  const email = `auth-${run}-${created.length}@test.local`;
  const { data, error } = await admin.auth.admin.createUser({
    email,
    phone: `+86${national}`,
    password: PASSWORD,
    email_confirm: true,
    phone_confirm: true,
    user_metadata: { display_name: "测试用户" },
    ...extra,
  });
  if (error) throw error;
  created.push(data.user.id);
  return { id: data.user.id, email, national };
}

let alice: Awaited<ReturnType<typeof makeUser>>;

beforeAll(async () => {
  alice = await makeUser();
});

afterAll(async () => {
  for (const id of created) await admin.auth.admin.deleteUser(id);
});

describe("password sign-in", () => {
  it("by e-mail returns a GoTrue session whose JWT carries Supabase's claims", async () => {
    const c = anon();
    const { data, error } = await c.auth.signInWithPassword({ email: alice.email.toUpperCase(), password: PASSWORD });
    expect(error).toBeNull();
    const session = data.session!;
    expect(session.token_type).toBe("bearer");
    expect(session.expires_in).toBe(3600);
    expect(session.refresh_token.length).toBeGreaterThan(20);
    const claims = claimsOf(session.access_token);
    expect(claims).toMatchObject({
      sub: alice.id,
      role: "authenticated",
      aud: "authenticated",
      email: alice.email,
      phone: `86${alice.national}`,
      aal: "aal1",
      is_anonymous: false,
    });
    expect((claims.exp as number) - (claims.iat as number)).toBe(3600);
    expect(claims.session_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(claims.user_metadata).toMatchObject({ display_name: "测试用户" });
    expect(claims.app_metadata).toMatchObject({ provider: "email" });
    expect((claims.amr as Array<{ method: string }>)[0].method).toBe("password");
    expect(data.user!.last_sign_in_at).toBeTruthy();
    const { data: me, error: meError } = await c.auth.getUser();
    expect(meError).toBeNull();
    expect(me.user!.id).toBe(alice.id);
  });

  it("by phone in E.164 (+86 or stored digits) reaches the account; the bare national form is another number, as on hosted", async () => {
    for (const phone of [`+86${alice.national}`, `+86 ${alice.national}`, `86${alice.national}`]) {
      const { data, error } = await anon().auth.signInWithPassword({ phone, password: PASSWORD });
      expect(error).toBeNull();
      expect(data.user!.id).toBe(alice.id);
    }
    // Hosted GoTrue reads "139…" as +1 39…: no such account. The SPA sends +86 (credentialsFor).
    const national = await anon().auth.signInWithPassword({ phone: alice.national, password: PASSWORD });
    expect(national.error?.code).toBe("invalid_credentials");
  });

  it("a wrong password or an unknown user is 400 invalid_credentials", async () => {
    const wrong = await anon().auth.signInWithPassword({ email: alice.email, password: "not-the-password" });
    expect(wrong.error?.status).toBe(400);
    expect(wrong.error?.code).toBe("invalid_credentials");
    expect(wrong.data.session).toBeNull();
    const raw = await authFetch("/token?grant_type=password", { body: { email: `nobody-${run}@test.local`, password: PASSWORD } });
    expect(raw.status).toBe(400);
    expect(raw.body).toMatchObject({ code: 400, error_code: "invalid_credentials", msg: "Invalid login credentials" });
    const phone = await anon().auth.signInWithPassword({ phone: `+86${alice.national}`, password: "wrong-password" });
    expect(phone.error?.code).toBe("invalid_credentials");
  });

  it("a banned user is refused until the ban is lifted", async () => {
    const banned = await makeUser({ ban_duration: "24h" });
    const refused = await anon().auth.signInWithPassword({ email: banned.email, password: PASSWORD });
    expect(refused.error?.status).toBe(400);
    expect(refused.error?.code).toBe("user_banned");
    const { error } = await admin.auth.admin.updateUserById(banned.id, { ban_duration: "none" });
    expect(error).toBeNull();
    const allowed = await anon().auth.signInWithPassword({ email: banned.email, password: PASSWORD });
    expect(allowed.error).toBeNull();
  });

  it("an unconfirmed e-mail cannot sign in, as on hosted GoTrue", async () => {
    const email = `unconfirmed-${run}@test.local`;
    const { data, error } = await admin.auth.admin.createUser({ email, password: PASSWORD });
    expect(error).toBeNull();
    created.push(data.user!.id);
    const refused = await anon().auth.signInWithPassword({ email, password: PASSWORD });
    expect(refused.error?.code).toBe("email_not_confirmed");
  });
});

describe("refresh tokens", () => {
  it("rotate: the new pair works and the spent token is refused, revoking its family", async () => {
    const { data } = await anon().auth.signInWithPassword({ email: alice.email, password: PASSWORD });
    const first = data.session!;
    const rotated = await authFetch("/token?grant_type=refresh_token", { body: { refresh_token: first.refresh_token } });
    expect(rotated.status).toBe(200);
    expect(rotated.body.refresh_token).not.toBe(first.refresh_token);
    expect(claimsOf(rotated.body.access_token as string).session_id).toBe(claimsOf(first.access_token).session_id);
    const reused = await authFetch("/token?grant_type=refresh_token", { body: { refresh_token: first.refresh_token } });
    expect(reused.status).toBe(400);
    expect(reused.body.error_code).toBe("refresh_token_already_used");
    // Reuse looks like theft, so the token handed out by the rotation is dead too.
    const successor = await authFetch("/token?grant_type=refresh_token", { body: { refresh_token: rotated.body.refresh_token } });
    expect(successor.status).toBe(400);
    expect(successor.body.error_code).toBe("refresh_token_already_used");
  });

  it("supabase-js refreshSession gets a fresh session", async () => {
    const c = anon();
    const { data } = await c.auth.signInWithPassword({ email: alice.email, password: PASSWORD });
    const { data: refreshed, error } = await c.auth.refreshSession({ refresh_token: data.session!.refresh_token });
    expect(error).toBeNull();
    expect(refreshed.session!.refresh_token).not.toBe(data.session!.refresh_token);
    expect(refreshed.user!.id).toBe(alice.id);
  });

  it("an unknown refresh token is 400 refresh_token_not_found", async () => {
    const wire = await authFetch("/token?grant_type=refresh_token", { body: { refresh_token: "never-issued" } });
    expect(wire.status).toBe(400);
    expect(wire.body.error_code).toBe("refresh_token_not_found");
  });
});

describe("logout", () => {
  it("scope local ends only this session: its refresh token and its access token stop working", async () => {
    const c = anon();
    const { data } = await c.auth.signInWithPassword({ email: alice.email, password: PASSWORD });
    const other = (await anon().auth.signInWithPassword({ email: alice.email, password: PASSWORD })).data.session!;
    const { error } = await c.auth.signOut({ scope: "local" });
    expect(error).toBeNull();
    const refresh = await authFetch("/token?grant_type=refresh_token", { body: { refresh_token: data.session!.refresh_token } });
    expect(refresh.status).toBe(400);
    expect(refresh.body.error_code).toBe("refresh_token_not_found");
    const user = await authFetch("/user", { method: "GET", token: data.session!.access_token });
    expect(user.status).toBe(403);
    expect(user.body.error_code).toBe("session_not_found");
    const stillAlive = await authFetch("/token?grant_type=refresh_token", { body: { refresh_token: other.refresh_token } });
    expect(stillAlive.status).toBe(200);
  });

  it("scope global ends every session of the user (204 on the wire)", async () => {
    const first = (await anon().auth.signInWithPassword({ email: alice.email, password: PASSWORD })).data.session!;
    const second = (await anon().auth.signInWithPassword({ email: alice.email, password: PASSWORD })).data.session!;
    const wire = await fetch(`${url}/auth/v1/logout?scope=global`, {
      method: "POST",
      headers: { apikey: anonKey, authorization: `Bearer ${second.access_token}` },
    });
    expect(wire.status).toBe(204);
    const refresh = await authFetch("/token?grant_type=refresh_token", { body: { refresh_token: first.refresh_token } });
    expect(refresh.status).toBe(400);
  });
});

describe("sign-up and own account", () => {
  it("signs up with the anon key, auto-confirmed, metadata kept; a second sign-up is refused", async () => {
    const email = `signup-${run}@test.local`;
    const { data, error } = await anon().auth.signUp({ email, password: PASSWORD, options: { data: { display_name: "新居民" } } });
    expect(error).toBeNull();
    created.push(data.user!.id);
    expect(data.session?.access_token).toBeTruthy();
    expect(data.user!.user_metadata).toMatchObject({ display_name: "新居民" });
    expect(data.user!.email_confirmed_at).toBeTruthy();
    const again = await anon().auth.signUp({ email, password: PASSWORD });
    expect(again.error?.status).toBe(422);
    expect(again.error?.code).toBe("user_already_exists");
    const weak = await anon().auth.signUp({ email: `weak-${run}@test.local`, password: "123" });
    expect(weak.error?.status).toBe(422);
    expect(weak.error?.code).toBe("weak_password");
  });

  it("updates its own password and metadata", async () => {
    const bob = await makeUser();
    const c = anon();
    await c.auth.signInWithPassword({ email: bob.email, password: PASSWORD });
    const same = await c.auth.updateUser({ password: PASSWORD });
    expect(same.error?.code).toBe("same_password");
    const { data, error } = await c.auth.updateUser({ password: "Changed@2026", data: { title: "网格员" } });
    expect(error).toBeNull();
    expect(data.user!.user_metadata).toMatchObject({ display_name: "测试用户", title: "网格员" });
    expect((await anon().auth.signInWithPassword({ email: bob.email, password: PASSWORD })).error?.code).toBe("invalid_credentials");
    expect((await anon().auth.signInWithPassword({ email: bob.email, password: "Changed@2026" })).error).toBeNull();
  });
});

describe("admin API", () => {
  it("with the anon key or a user's token is 403 not_admin", async () => {
    const viaAnon = await anon().auth.admin.listUsers();
    expect(viaAnon.error?.status).toBe(403);
    expect(viaAnon.error?.code).toBe("not_admin");
    const createAttempt = await anon().auth.admin.createUser({ email: `intruder-${run}@test.local`, password: PASSWORD });
    expect(createAttempt.error?.code).toBe("not_admin");
    const { data } = await anon().auth.signInWithPassword({ email: alice.email, password: PASSWORD });
    const viaUser = await authFetch(`/admin/users/${alice.id}`, { method: "DELETE", token: data.session!.access_token });
    expect(viaUser.status).toBe(403);
    expect(viaUser.body.error_code).toBe("not_admin");
    expect((await admin.auth.admin.getUserById(alice.id)).data.user?.id).toBe(alice.id);
  });

  it("with the service key lists, reads and deletes users", async () => {
    const carol = await makeUser();
    const list = await admin.auth.admin.listUsers({ page: 1, perPage: 1000 });
    expect(list.error).toBeNull();
    expect(list.data.users.some((u) => u.id === carol.id)).toBe(true);
    const duplicate = await admin.auth.admin.createUser({ email: carol.email, password: PASSWORD });
    expect(duplicate.error?.code).toBe("email_exists");
    expect((await admin.auth.admin.deleteUser(carol.id)).error).toBeNull();
    expect((await admin.auth.admin.getUserById(carol.id)).error?.status).toBe(404);
    const signIn = await anon().auth.signInWithPassword({ email: carol.email, password: PASSWORD });
    expect(signIn.error?.code).toBe("invalid_credentials");
  });
});

describe("JWTs at /rest/v1", () => {
  const restWith = (token: string, apikey = anonKey) =>
    fetch(`${url}/rest/v1/profiles?select=id&limit=1`, { headers: { apikey, authorization: `Bearer ${token}` } });

  it("a user's token is accepted; a token forged with another secret is 401", async () => {
    const { data } = await anon().auth.signInWithPassword({ email: alice.email, password: PASSWORD });
    expect((await restWith(data.session!.access_token)).status).toBe(200);
    const now = Math.floor(Date.now() / 1000);
    const forged = signJwt({ ...claimsOf(data.session!.access_token), iat: now, exp: now + 600 }, "another-secret-that-is-at-least-32-chars");
    expect((await restWith(forged)).status).toBe(401);
  });

  it("a service_role token signed with a wrong secret is 401 as a bearer and as an apikey", async () => {
    const now = Math.floor(Date.now() / 1000);
    const fake = signJwt({ iss: "supabase", role: "service_role", iat: now, exp: now + 600 }, "wrong-secret-wrong-secret-wrong-secret!");
    expect((await restWith(fake)).status).toBe(401);
    const asKey = await fetch(`${url}/rest/v1/profiles?select=id`, { headers: { apikey: fake } });
    expect(asKey.status).toBe(401);
    expect(await asKey.json()).toEqual({ message: "Invalid API key" });
  });

  it("an expired token, correctly signed, is 401 at /rest/v1 and 403 bad_jwt at /auth/v1/user", async () => {
    const secret = process.env.SUPABASE_JWT_SECRET;
    if (!secret) throw new Error("SUPABASE_JWT_SECRET must be set (tests/support/test-stack.ts sets it) to mint an expired token");
    const past = Math.floor(Date.now() / 1000) - 7200;
    const expired = signJwt({ sub: alice.id, role: "authenticated", aud: "authenticated", iat: past, exp: past + 3600 }, secret);
    expect((await restWith(expired)).status).toBe(401);
    const user = await authFetch("/user", { method: "GET", token: expired });
    expect(user.status).toBe(403);
    expect(user.body.error_code).toBe("bad_jwt");
  });
});

describe("auth.uid(), auth.role(), auth.email(), auth.jwt() in SQL", () => {
  it("read PostgREST 12's request.jwt.claims, and the legacy per-claim GUCs first", async () => {
    const client = new pg.Client({ connectionString: dbUrl });
    await client.connect();
    try {
      await client.query("begin");
      await client.query("set local role authenticated");
      const claims = { sub: alice.id, role: "authenticated", email: alice.email };
      await client.query("select set_config('request.jwt.claims', $1, true)", [JSON.stringify(claims)]);
      const { rows } = await client.query("select auth.uid() as uid, auth.role() as role, auth.email() as email, auth.jwt() ->> 'sub' as sub");
      expect(rows[0]).toEqual({ uid: alice.id, role: "authenticated", email: alice.email, sub: alice.id });
      const legacy = randomUUID();
      await client.query("select set_config('request.jwt.claim.sub', $1, true)", [legacy]);
      expect((await client.query("select auth.uid() as uid")).rows[0].uid).toBe(legacy);
      await client.query("rollback");
      const { rows: none } = await client.query("select auth.uid() as uid, auth.jwt() as jwt");
      expect(none[0]).toEqual({ uid: null, jwt: null });
    } finally {
      await client.end();
    }
  });
});
