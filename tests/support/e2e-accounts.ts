// e2e helpers that act as the server (service key over plain fetch; supabase-js would want
// WebSocket in this Node): a fresh staff member of 牯牛坪社区 per journey, removed afterwards.
import { randomUUID } from "node:crypto";

export async function asService(path: string, init: { method?: string; body?: unknown } = {}): Promise<unknown> {
  const key = process.env.SUPABASE_SERVICE_ROLE_KEY!;
  const response = await fetch(`${process.env.SUPABASE_URL}${path}`, {
    method: init.method ?? "GET",
    headers: { apikey: key, authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
  const text = await response.text();
  return text ? (JSON.parse(text) as unknown) : undefined;
}

export type StaffMember = { id: string; email: string; name: string; remove(): Promise<void> };

/** `phone` (E.164, e.g. "+8613912345678") gives the account a confirmed phone number too. */
export async function newStaffMember(label: string, password: string, phone?: string): Promise<StaffMember> {
  const suffix = randomUUID().slice(0, 8);
  const email = `${label}-${suffix}@test.local`;
  const name = `${label}-${suffix.slice(0, 4)}`;
  const user = (await asService("/auth/v1/admin/users", {
    method: "POST",
    body: { email, password, email_confirm: true, user_metadata: { display_name: name }, ...(phone ? { phone, phone_confirm: true } : {}) },
  })) as { id: string };
  const [unit] = (await asService("/rest/v1/org_units?select=id&code=eq.433101009001")) as Array<{ id: string }>;
  await asService("/rest/v1/memberships", { method: "POST", body: { user_id: user.id, org_unit_id: unit.id, role_key: "staff" } });
  return { id: user.id, email, name, remove: async () => void (await asService(`/auth/v1/admin/users/${user.id}`, { method: "DELETE" })) };
}
