// Invitations as real users through PostgREST and GoTrue: an administrator creates an invitation
// and receives its link secret once; whoever signs in with that secret claims it, once. An
// address alone (the invited phone or e-mail) grants nothing: issue #7, found 1, reproduced
// here first against the claim-at-sign-up trigger this replaced.
import type { SupabaseClient } from "@supabase/supabase-js";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  anonClient,
  service,
  signedIn,
  TEST_PASSWORD,
  TestWorld,
  uniqueEmail,
  uniqueMobile,
  unitId,
  units,
  userIdOf,
  type TestPerson,
} from "../support/access-fixtures.ts";

const world = new TestWorld();
const db = new pg.Pool({ connectionString: process.env.SUPABASE_DB_URL, max: 1 });
let admin: SupabaseClient;
let grid: SupabaseClient;
let wanxiAdmin: TestPerson;

beforeAll(async () => {
  admin = await signedIn("admin@demo.local");
  grid = await signedIn("grid@demo.local");
  wanxiAdmin = await world.person("wanxi-admin", { role: "community_admin", unitCode: units.wanxi });
});
afterAll(async () => {
  await world.cleanup();
  await db.end();
});

type Contact = { p_phone: string } | { p_email: string } | Record<string, never>;
type IssuedInvitation = { id: string; status: string; expires_at: string; phone: string | null; email: string | null; invited_by: string; token: string };

async function invite(c: SupabaseClient, unitCode: string, roleKey = "grid_worker", contact: Contact = {}) {
  const result = await c.rpc("create_invitation", { p_org_unit_id: await unitId(unitCode), p_role_key: roleKey, ...contact });
  if (result.data) world.trackInvitation((result.data as IssuedInvitation).id);
  return result as { data: IssuedInvitation | null; error: { code: string; hint?: string } | null };
}

/** An invitation the demo community admin made, known to have succeeded. */
async function issued(unitCode: string = units.guniupingGrid2, roleKey = "grid_worker", contact: Contact = {}): Promise<IssuedInvitation> {
  const { data, error } = await invite(admin, unitCode, roleKey, contact);
  expect(error).toBeNull();
  return data!;
}

/** Signs up through GoTrue with the anon key, as a newcomer does; null when GoTrue refuses. */
async function signUp(contact: { phone: string } | { email: string }): Promise<SupabaseClient | null> {
  const c = anonClient();
  const { data, error } = await c.auth.signUp({ ...contact, password: TEST_PASSWORD });
  if (error) return null;
  world.trackUser(data.user!.id);
  return c;
}

async function newcomer(label: string): Promise<SupabaseClient> {
  const c = await signUp({ email: uniqueEmail(label) });
  expect(c).not.toBeNull();
  return c!;
}

async function membershipsOf(c: SupabaseClient) {
  const { data, error } = await c.rpc("my_context");
  expect(error).toBeNull();
  return (data as { memberships: Array<{ role_key: string; org_unit_name: string }> }).memberships;
}

async function statusOf(id: string): Promise<string> {
  const { data } = await service.from("invitations").select("status").eq("id", id).single();
  return data!.status;
}

const claim = (c: SupabaseClient, token: string) => c.rpc("claim_invitation", { p_token: token });
const preview = (c: SupabaseClient, token: string) => c.rpc("invitation_preview", { p_token: token });
const randomToken = () => randomBytes(32).toString("base64url");

describe("an address alone grants nothing", () => {
  it("signing up with the invited phone number gives no membership; the link then does", async () => {
    const mobile = uniqueMobile();
    const invitation = await issued(units.guniupingGrid2, "grid_worker", { p_phone: mobile });
    const person = (await signUp({ phone: mobile }))!;
    expect(person).not.toBeNull();
    expect(await membershipsOf(person)).toEqual([]);
    expect(await statusOf(invitation.id)).toBe("pending");

    expect((await claim(person, invitation.token)).error).toBeNull();
    expect(await membershipsOf(person)).toEqual([expect.objectContaining({ role_key: "grid_worker", org_unit_name: "第二网格" })]);
  });

  it("an invited e-mail address signing up gets nothing either", async () => {
    const email = uniqueEmail("invitee");
    const invitation = await issued(units.guniuping, "staff", { p_email: email });
    const person = (await signUp({ email }))!;
    expect(await membershipsOf(person)).toEqual([]);
    expect(await statusOf(invitation.id)).toBe("pending");
  });

  it("`+1 …` for an invited mainland number that already has an account gets nothing; the real invitee claims with the link", async () => {
    const mobile = uniqueMobile();
    const { data: real } = await service.auth.admin.createUser({ phone: mobile, password: TEST_PASSWORD, phone_confirm: true });
    world.trackUser(real.user!.id);
    const invitation = await issued(units.guniuping, "staff", { p_phone: mobile });

    const impostor = await signUp({ phone: `+1 ${mobile.slice(1)}` });
    // GoTrue may refuse the number outright; if it takes it, the account must hold nothing.
    if (impostor) expect(await membershipsOf(impostor)).toEqual([]);
    expect(await statusOf(invitation.id)).toBe("pending");

    const invitee = anonClient();
    expect((await invitee.auth.signInWithPassword({ phone: mobile, password: TEST_PASSWORD })).error).toBeNull();
    expect((await claim(invitee, invitation.token)).error).toBeNull();
    expect(await membershipsOf(invitee)).toEqual([expect.objectContaining({ role_key: "staff", org_unit_name: "牯牛坪社区" })]);
  });
});

describe("the link's secret", () => {
  it("is 256 random bits, shown once: no API role reads it or its hash afterwards", async () => {
    const a = await issued();
    const b = await issued();
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.token).not.toBe(b.token);
    const { data: row } = await admin.from("invitations").select("*").eq("id", a.id).single();
    expect(JSON.stringify(row)).not.toContain(a.token);
    expect(Object.keys(row!)).not.toContain("token_hash");
    const { data: audit } = await admin.from("audit_log").select("before, after").eq("row_id", a.id);
    expect(audit!.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit)).not.toContain(a.token);
    // The hashes live outside the API's schemas, with no privilege for any API role.
    expect((await admin.schema("private").from("invitation_secrets").select("*")).error).not.toBeNull();
    const { rows } = await db.query<{ role: string; readable: boolean }>(
      `select r as role, has_table_privilege(r, 'private.invitation_secrets', 'select') readable
         from unnest(array['anon', 'authenticated', 'service_role']) r`,
    );
    expect(rows).toEqual([
      { role: "anon", readable: false },
      { role: "authenticated", readable: false },
      { role: "service_role", readable: false },
    ]);
  });

  it("works once: a second use, by anyone, is refused with a clear message", async () => {
    const invitation = await issued();
    const person = await newcomer("once");
    const first = await claim(person, invitation.token);
    expect(first.error).toBeNull();
    expect(first.data).toMatchObject({ role_key: "grid_worker", org_unit_id: await unitId(units.guniupingGrid2) });
    const seen = await admin.from("invitations").select("status, claimed_by, claimed_at").eq("id", invitation.id).single();
    expect(seen.data).toMatchObject({ status: "claimed", claimed_by: await userIdOf(person) });

    const again = await claim(person, invitation.token);
    expect(again.error).toMatchObject({ code: "CGI04", message: "invitation_claimed" });
    expect(again.error!.hint).toMatch(/已被使用.*\/.*already been used/);
    const other = await newcomer("second");
    expect((await claim(other, invitation.token)).error?.code).toBe("CGI04");
    expect(await membershipsOf(other)).toEqual([]);
  });

  it("a wrong token is refused and previews nothing, without saying why", async () => {
    const person = await newcomer("guess");
    for (const token of [randomToken(), "", "x".repeat(5000)]) {
      const refused = await claim(person, token);
      expect(refused.error).toMatchObject({ code: "CGI03", message: "invitation_invalid" });
      expect(refused.error!.details ?? null).toBeNull();
      expect(await preview(anonClient(), token)).toMatchObject({ data: null, error: null });
    }
    expect(await membershipsOf(person)).toEqual([]);
  });

  it("an expired invitation is refused; the same link before expiry works", async () => {
    const late = await issued();
    await service
      .from("invitations")
      .update({ expires_at: new Date(Date.now() - 60_000).toISOString() })
      .eq("id", late.id);
    const person = await newcomer("late");
    expect((await claim(person, late.token)).error?.code).toBe("CGI06");
    expect((await preview(anonClient(), late.token)).data).toEqual({ status: "expired" });

    const timely = await issued();
    expect((await claim(person, timely.token)).error).toBeNull();
  });

  it("a revoked invitation is refused, and cannot be revoked twice", async () => {
    const invitation = await issued();
    const revoking = await admin.rpc("revoke_invitation", { p_invitation_id: invitation.id });
    expect(revoking.error).toBeNull();
    expect(revoking.data).toMatchObject({ status: "revoked" });
    expect((await admin.rpc("revoke_invitation", { p_invitation_id: invitation.id })).error?.code).toBe("CGI01");
    const person = await newcomer("revoked");
    expect((await claim(person, invitation.token)).error?.code).toBe("CGI05");
    expect((await preview(anonClient(), invitation.token)).data).toEqual({ status: "revoked" });
    expect(await membershipsOf(person)).toEqual([]);
  });

  it("re-issuing gives a new link for another 14 days; the old link stops working", async () => {
    const invitation = await issued();
    await service
      .from("invitations")
      .update({ expires_at: new Date(Date.now() + 3_600_000).toISOString() })
      .eq("id", invitation.id);
    const reissued = await admin.rpc("reissue_invitation", { p_invitation_id: invitation.id });
    expect(reissued.error).toBeNull();
    const fresh = reissued.data as IssuedInvitation;
    expect(fresh).toMatchObject({ id: invitation.id, status: "pending" });
    expect(fresh.token).not.toBe(invitation.token);
    const days = (Date.parse(fresh.expires_at) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(13.9);

    const person = await newcomer("reissued");
    expect((await claim(person, invitation.token)).error?.code).toBe("CGI03");
    expect((await preview(anonClient(), invitation.token)).data).toBeNull();
    expect((await claim(person, fresh.token)).error).toBeNull();
    expect(await membershipsOf(person)).toEqual([expect.objectContaining({ role_key: "grid_worker" })]);
    // A claimed invitation is not re-issued.
    expect((await admin.rpc("reissue_invitation", { p_invitation_id: invitation.id })).error?.code).toBe("CGI01");
  });

  it("only an administrator of the invitation re-issues it", async () => {
    const invitation = await issued();
    expect((await grid.rpc("reissue_invitation", { p_invitation_id: invitation.id })).error?.code).toBe("42501");
    expect((await wanxiAdmin.client.rpc("reissue_invitation", { p_invitation_id: invitation.id })).error?.code).toBe("42501");
    expect((await admin.rpc("reissue_invitation", { p_invitation_id: invitation.id })).error).toBeNull();
  });

  it("the inviter cannot claim their own invitation", async () => {
    const invitation = await issued();
    expect((await claim(admin, invitation.token)).error).toMatchObject({ code: "CGI08", message: "invitation_own" });
    expect(await statusOf(invitation.id)).toBe("pending");
  });

  it("an invitation from an admin who was suspended meanwhile gives nothing until they are active again", async () => {
    const { data: invitation } = await invite(wanxiAdmin.client, units.wanxiGrid1);
    const { data: membership } = await service.from("memberships").select("id").eq("user_id", wanxiAdmin.id).single();
    await service.from("memberships").update({ status: "suspended" }).eq("id", membership!.id);
    const person = await newcomer("suspended-inviter");
    try {
      expect((await claim(person, invitation!.token)).error?.code).toBe("CGI07");
      expect((await preview(anonClient(), invitation!.token)).data).toEqual({ status: "inviter_unable" });
      expect(await statusOf(invitation!.id)).toBe("pending");
    } finally {
      await service.from("memberships").update({ status: "active" }).eq("id", membership!.id);
    }
    expect((await claim(person, invitation!.token)).error).toBeNull();
  });

  it("anon cannot claim; the claim-by-address function is gone", async () => {
    const invitation = await issued();
    expect((await claim(anonClient(), invitation.token)).error).not.toBeNull();
    expect(await statusOf(invitation.id)).toBe("pending");
    expect((await admin.rpc("claim_my_invitations")).error?.code).toBe("PGRST202");
  });
});

describe("the preview", () => {
  it("shows anon exactly who invites to which unit and role, until when", async () => {
    const invitation = await issued(units.guniupingGrid2, "grid_worker", { p_phone: uniqueMobile() });
    const { data, error } = await preview(anonClient(), invitation.token);
    expect(error).toBeNull();
    expect(data).toEqual({
      status: "pending",
      expires_at: expect.any(String),
      inviter_name: "田晓梅",
      org_unit_name: "第二网格",
      org_unit_level: "grid",
      org_unit_path: expect.arrayContaining(["牯牛坪社区", "第二网格"]),
      role_name: "网格员",
      role_name_en: "Grid worker",
    });
    expect(Date.parse(data.expires_at)).toBe(Date.parse(invitation.expires_at));
    expect((data.org_unit_path as string[]).at(-1)).toBe("第二网格");
  });

  it("of a used link shows only that it was used", async () => {
    const invitation = await issued();
    expect((await claim(await newcomer("used"), invitation.token)).error).toBeNull();
    expect((await preview(anonClient(), invitation.token)).data).toEqual({ status: "claimed" });
  });
});

describe("who may invite", () => {
  it("an invitation to a unit outside the admin's scope is refused; that unit's own admin may invite", async () => {
    expect((await invite(admin, units.wanxiGrid1)).error?.code).toBe("42501");
    const theirs = await invite(wanxiAdmin.client, units.wanxiGrid1);
    expect(theirs.error).toBeNull();
    expect((await admin.from("invitations").select("id").eq("id", theirs.data!.id)).data).toEqual([]);
    expect((await admin.rpc("revoke_invitation", { p_invitation_id: theirs.data!.id })).error?.code).toBe("42501");
  });

  it("nobody but a system administrator invites to system_admin", async () => {
    expect((await invite(admin, units.guniuping, "system_admin")).error?.code).toBe("42501");
    const sysadmin = await world.person("sysadmin", { role: "system_admin", unitCode: units.prefecture });
    expect((await invite(sysadmin.client, units.guniuping, "system_admin")).error).toBeNull();
  });

  it("a grid worker can neither invite nor read invitations, even for their own grid", async () => {
    expect((await invite(grid, units.guniupingGrid1)).error?.code).toBe("42501");
    const mine = await issued(units.guniupingGrid1);
    expect((await grid.from("invitations").select("id").eq("id", mine.id)).data).toEqual([]);
    expect((await admin.from("invitations").select("id").eq("id", mine.id)).data).toHaveLength(1);
  });

  it("the address is optional and validated; one pending invitation per person, unit and role", async () => {
    expect((await invite(admin, units.guniuping, "staff")).error).toBeNull();
    expect((await invite(admin, units.guniuping, "staff", { p_phone: "not a phone" })).error?.code).toBe("CGI02");
    const both = await admin.rpc("create_invitation", {
      p_org_unit_id: await unitId(units.guniuping),
      p_role_key: "staff",
      p_phone: uniqueMobile(),
      p_email: uniqueEmail("both"),
    });
    expect(both.error?.code).toBe("23514");
    const mobile = uniqueMobile();
    const spaced = `${mobile.slice(0, 3)} ${mobile.slice(3, 7)}-${mobile.slice(7)}`;
    const first = await invite(admin, units.guniuping, "staff", { p_phone: spaced });
    expect(first.data).toMatchObject({ phone: `86${mobile}`, email: null });
    expect((await invite(admin, units.guniuping, "staff", { p_phone: `+86${mobile}` })).error?.code).toBe("23505");
  });

  it("an admin cannot mark an invitation claimed or backdate it themselves", async () => {
    const mine = await issued();
    expect((await admin.from("invitations").update({ status: "claimed" }).eq("id", mine.id)).error?.code).toBe("23514");
    expect((await admin.from("invitations").update({ status: "expired" }).eq("id", mine.id)).error?.code).toBe("CGI01");
    expect((await admin.from("invitations").update({ expires_at: new Date().toISOString() }).eq("id", mine.id)).error?.code).toBe("42501");
  });
});

describe("anon", () => {
  it("reads no invitation and creates none", async () => {
    const anon = anonClient();
    const read = await anon.from("invitations").select("*");
    expect(read.data ?? []).toEqual([]);
    expect((await invite(anon, units.guniuping, "staff")).error).not.toBeNull();
  });
});
