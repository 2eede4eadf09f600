// Auth events land in auth.audit_log_entries as GoTrue writes them (payload json with actor_id,
// actor_username, action, log_type, traits; ip_address), plus the failed sign-ins GoTrue leaves
// out: the 审计日志 page reads these rows.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anon, authCall, dbUrl, PASSWORD, remember, removeMadeUsers, run, uniqueEmail } from "../support/auth-wire";

const db = new pg.Client({ connectionString: dbUrl });
const NIL = "00000000-0000-0000-0000-000000000000";

beforeAll(async () => {
  await db.connect();
});

afterAll(async () => {
  await db.end();
  await removeMadeUsers();
});

type Entry = { action: string; log_type: string; actor_id: string; actor_username: string; traits?: Record<string, unknown>; ip_address: string };

async function entriesOf(where: string, value: string): Promise<Entry[]> {
  const { rows } = await db.query<{ payload: Omit<Entry, "ip_address">; ip_address: string }>(
    `select payload, ip_address from auth.audit_log_entries where payload ->> '${where}' = $1 order by created_at, id`,
    [value],
  );
  return rows.map((row) => ({ ...row.payload, ip_address: row.ip_address }));
}

describe("auth.audit_log_entries", () => {
  it("sign-up, sign-in, a failed sign-in, a refresh and a logout each leave their entry", async () => {
    const email = uniqueEmail("audit");
    const c = anon();
    const signedUp = await c.auth.signUp({ email, password: PASSWORD });
    expect(signedUp.error).toBeNull();
    const id = signedUp.data.user!.id;
    remember(id);
    expect((await anon().auth.signInWithPassword({ email, password: "Wrong@2026" })).error?.code).toBe("invalid_credentials");
    const second = anon();
    expect((await second.auth.signInWithPassword({ email, password: PASSWORD })).error).toBeNull();
    expect((await second.auth.refreshSession()).error).toBeNull();
    expect((await second.auth.signOut({ scope: "local" })).error).toBeNull();

    const entries = await entriesOf("actor_id", id);
    expect(entries.map((e) => e.action)).toEqual(["user_signedup", "login", "login_failed", "login", "token_refreshed", "token_revoked", "logout"]);
    for (const entry of entries) {
      expect(entry.actor_username).toBe(email);
      expect(entry.ip_address).toBe("127.0.0.1");
    }
    expect(entries[0]).toMatchObject({ log_type: "team", traits: { provider: "email" } });
    expect(entries[2]).toMatchObject({ log_type: "account" });
    expect(entries.at(-1)).toMatchObject({ action: "logout", log_type: "account" });
  });

  it("a failed sign-in to an unknown address is logged with the address typed and no actor", async () => {
    const typed = `ghost-${run}@test.local`;
    expect((await authCall("/token?grant_type=password", { body: { email: typed, password: "Guess@2026" } })).status).toBe(400);
    const entries = await entriesOf("actor_username", typed);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: "login_failed", actor_id: NIL, ip_address: "127.0.0.1" });
  });

  it("a recovery request is logged; a password change too", async () => {
    const email = uniqueEmail("audit-recover");
    const c = anon();
    const { data } = await c.auth.signUp({ email, password: PASSWORD });
    remember(data.user!.id);
    expect((await anon().auth.resetPasswordForEmail(email)).error).toBeNull();
    expect((await c.auth.updateUser({ password: "Another@2026" })).error).toBeNull();
    const actions = (await entriesOf("actor_id", data.user!.id)).map((e) => e.action);
    expect(actions).toContain("user_recovery_requested");
    expect(actions.at(-1)).toBe("user_updated_password");
  });

  it("API roles cannot read the entries (the page goes through a checked function)", async () => {
    const { error } = await anon()
      .schema("auth" as "public")
      .from("audit_log_entries")
      .select("id")
      .limit(1);
    expect(error).not.toBeNull();
  });
});
