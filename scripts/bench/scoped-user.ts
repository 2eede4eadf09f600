// A measured user: a member with one role at one unit (a staff member, a leader), made through
// the auth admin API (service key) with the membership written in SQL, then signed in with a
// password like the SPA does, so the JWT is the one the app would send.
import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { RunningStack } from "../../supabase/local/stack.ts";

export type ScopedUser = { id: string; token: string };

async function authCall(stack: RunningStack, path: string, key: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${stack.url}/auth/v1${path}`, {
    method: "POST",
    headers: { apikey: key, authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`auth ${path} → HTTP ${res.status}: ${JSON.stringify(json)}`);
  return json;
}

export async function signedInStaff(stack: RunningStack, db: pg.Client, unitCode: string): Promise<ScopedUser> {
  return signedInMember(stack, db, unitCode, "staff");
}

export async function signedInMember(stack: RunningStack, db: pg.Client, unitCode: string, roleKey: string): Promise<ScopedUser> {
  const email = `bench-${roleKey.replace(/_/g, "-")}-${randomUUID().slice(0, 8)}@bench.local`;
  const password = `Bench-${randomUUID()}`;
  const created = await authCall(stack, "/admin/users", stack.serviceKey, {
    email,
    password,
    email_confirm: true,
    user_metadata: { display_name: "基准测试" },
  });
  const id = String(created.id);
  const inserted = await db.query("insert into public.memberships (user_id, org_unit_id, role_key) select $1, id, $3 from public.org_units where code = $2", [
    id,
    unitCode,
    roleKey,
  ]);
  if (inserted.rowCount !== 1) throw new Error(`no unit with code ${unitCode} for the bench's ${roleKey}`);
  const session = await authCall(stack, "/token?grant_type=password", stack.anonKey, { email, password });
  return { id, token: String(session.access_token) };
}

/** A second staff member whose session is already logged out: their token is validly signed but revoked. */
export async function loggedOutStaff(stack: RunningStack, db: pg.Client, unitCode: string): Promise<ScopedUser> {
  const user = await signedInStaff(stack, db, unitCode);
  const res = await fetch(`${stack.url}/auth/v1/logout?scope=global`, {
    method: "POST",
    headers: { apikey: stack.anonKey, authorization: `Bearer ${user.token}` },
  });
  if (res.status !== 204) throw new Error(`logout → HTTP ${res.status}: ${await res.text()}`);
  return user;
}
