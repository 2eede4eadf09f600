// The measured user: a staff member at one unit, made through the auth admin API (service
// key) with the membership written in SQL, then signed in with a password like the SPA does,
// so the JWT is the one the app would send.
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
  const email = `bench-staff-${randomUUID().slice(0, 8)}@bench.local`;
  const password = `Bench-${randomUUID()}`;
  const created = await authCall(stack, "/admin/users", stack.serviceKey, {
    email,
    password,
    email_confirm: true,
    user_metadata: { display_name: "基准测试" },
  });
  const id = String(created.id);
  await db.query("insert into public.memberships (user_id, org_unit_id, role_key) select $1, id, 'staff' from public.org_units where code = $2", [
    id,
    unitCode,
  ]);
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
