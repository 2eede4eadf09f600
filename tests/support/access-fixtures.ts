// Shared by the access-control db tests: clients acting as real users through the API, people
// made per run with the service-role admin API (and removed again, so other tests keep seeing
// the demo seed exactly), and unit ids by official code.
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import { randomInt, randomUUID } from "node:crypto";
import { expect } from "vitest";

const url = process.env.SUPABASE_URL!;
const anonKey = process.env.SUPABASE_ANON_KEY!;
const options = { auth: { persistSession: false, autoRefreshToken: false } };

export const DEMO_PASSWORD = "Demo@2026";
export const TEST_PASSWORD = "Test@2026-pw";
export const run = randomUUID().slice(0, 8);

export const units = {
  guniuping: "433101009001",
  guniupingGrid1: "433101009001001",
  guniupingGrid2: "433101009001002",
  wanxi: "433101009002",
  wanxiGrid1: "433101009002001",
  prefecture: "433100",
} as const;

export function anonClient(): SupabaseClient {
  return createClient(url, anonKey, options);
}

export const service: SupabaseClient = createClient(url, process.env.SUPABASE_SERVICE_ROLE_KEY!, options);

export async function signedIn(email: string, password = DEMO_PASSWORD): Promise<SupabaseClient> {
  const c = anonClient();
  const { error } = await c.auth.signInWithPassword({ email, password });
  if (error) throw error;
  return c;
}

export async function userIdOf(c: SupabaseClient): Promise<string> {
  const { data } = await c.auth.getUser();
  return data.user!.id;
}

const unitIds = new Map<string, string>();

export async function unitId(code: string): Promise<string> {
  const known = unitIds.get(code);
  if (known) return known;
  const { data, error } = await service.from("org_units").select("id").eq("code", code).single();
  if (error) throw error;
  unitIds.set(code, data.id);
  return data.id;
}

/** A national mainland mobile number no other test uses. */
export function uniqueMobile(): string {
  return `137${String(randomInt(0, 1e8)).padStart(8, "0")}`;
}

export function uniqueEmail(label: string): string {
  return `${label}-${run}-${randomInt(0, 1e6)}@test.local`;
}

export type TestPerson = { id: string; email: string; client: SupabaseClient };

/** People and rows a test file made; `cleanup()` removes them (memberships go with the users). */
export class TestWorld {
  private userIds: string[] = [];
  private roleKeys: string[] = [];
  private invitationIds: string[] = [];

  /** A confirmed e-mail account, optionally holding `role` at the unit with `unitCode` (written by the service role). */
  async person(label: string, role?: { role: string; unitCode: string }): Promise<TestPerson> {
    const email = uniqueEmail(label);
    const { data, error } = await service.auth.admin.createUser({
      email,
      password: TEST_PASSWORD,
      email_confirm: true,
      user_metadata: { display_name: `${label}-${run}` },
    });
    if (error) throw error;
    this.userIds.push(data.user.id);
    if (role) {
      const inserted = await service.from("memberships").insert({ user_id: data.user.id, org_unit_id: await unitId(role.unitCode), role_key: role.role });
      expect(inserted.error).toBeNull();
    }
    return { id: data.user.id, email, client: await signedIn(email, TEST_PASSWORD) };
  }

  trackUser(id: string): void {
    this.userIds.push(id);
  }

  trackRole(key: string): void {
    this.roleKeys.push(key);
  }

  trackInvitation(id: string): void {
    this.invitationIds.push(id);
  }

  async cleanup(): Promise<void> {
    // Newest first: a membership an invitation granted names its inviter (created_by), so the
    // invitee must go before the inviter can.
    for (const id of [...this.userIds].reverse()) await service.auth.admin.deleteUser(id);
    if (this.invitationIds.length) await service.from("invitations").delete().in("id", this.invitationIds);
    if (this.roleKeys.length) await service.from("roles").delete().in("key", this.roleKeys);
  }
}

/** Membership of `userId` as the caller sees it through the members view. */
export async function membershipsOf(c: SupabaseClient, userId: string) {
  const { data, error } = await c.from("members").select("id, role_key, org_unit_id, status").eq("user_id", userId);
  expect(error).toBeNull();
  return data ?? [];
}
