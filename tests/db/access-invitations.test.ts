// Invitations as real users through PostgREST and GoTrue: administrators invite within their
// scope, and signing up with the anon key claims the invitation (trigger on auth.users).
import type { SupabaseClient } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonClient, service, signedIn, TEST_PASSWORD, TestWorld, uniqueEmail, uniqueMobile, unitId, units, userIdOf, type TestPerson } from "../support/access-fixtures.ts";

const world = new TestWorld();
let admin: SupabaseClient;
let grid: SupabaseClient;
let wanxiAdmin: TestPerson;

beforeAll(async () => {
  admin = await signedIn("admin@demo.local");
  grid = await signedIn("grid@demo.local");
  wanxiAdmin = await world.person("wanxi-admin", { role: "community_admin", unitCode: units.wanxi });
});
afterAll(() => world.cleanup());

type Contact = { phone: string } | { email: string };

async function invite(c: SupabaseClient, contact: Contact, unitCode: string, roleKey = "grid_worker") {
  const result = await c.from("invitations").insert({ ...contact, org_unit_id: await unitId(unitCode), role_key: roleKey }).select().maybeSingle();
  if (result.data) world.trackInvitation(result.data.id);
  return result;
}

/** Signs up through GoTrue with the anon key, as a new member of staff would. */
async function signUp(contact: Contact): Promise<SupabaseClient> {
  const c = anonClient();
  const { data, error } = await c.auth.signUp({ ...contact, password: TEST_PASSWORD });
  expect(error).toBeNull();
  world.trackUser(data.user!.id);
  return c;
}

async function contextOf(c: SupabaseClient) {
  const { data, error } = await c.rpc("my_context");
  expect(error).toBeNull();
  return data as { memberships: Array<{ role_key: string; org_unit_name: string }> };
}

async function statusOf(id: string): Promise<string> {
  const { data } = await service.from("invitations").select("status").eq("id", id).single();
  return data!.status;
}

describe("claiming at sign-up", () => {
  it("a phone invitation is stored as GoTrue stores phones and becomes a membership at sign-up", async () => {
    const mobile = uniqueMobile();
    const spaced = `${mobile.slice(0, 3)} ${mobile.slice(3, 7)}-${mobile.slice(7)}`;
    const invited = await invite(admin, { phone: spaced }, units.guniupingGrid2);
    expect(invited.error).toBeNull();
    const adminId = await userIdOf(admin);
    expect(invited.data).toMatchObject({ phone: `86${mobile}`, email: null, status: "pending", invited_by: adminId });
    const days = (Date.parse(invited.data!.expires_at) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(13.9);
    expect(days).toBeLessThanOrEqual(14);

    const person = await signUp({ phone: mobile });
    const context = await contextOf(person);
    expect(context.memberships).toEqual([expect.objectContaining({ role_key: "grid_worker", org_unit_name: "第二网格" })]);
    const seen = await admin.from("invitations").select("status, claimed_by, claimed_at").eq("id", invited.data!.id).single();
    expect(seen.data).toMatchObject({ status: "claimed", claimed_by: await userIdOf(person) });
  });

  it("an e-mail invitation matches whatever case the address is typed in", async () => {
    const email = uniqueEmail("Invitee");
    const invited = await invite(admin, { email: email.toUpperCase() }, units.guniuping, "staff");
    expect(invited.data?.email).toBe(email.toLowerCase());
    const person = await signUp({ email });
    expect((await contextOf(person)).memberships).toEqual([expect.objectContaining({ role_key: "staff", org_unit_name: "牯牛坪社区" })]);
  });

  it("an expired or revoked invitation gives nothing", async () => {
    const lateMobile = uniqueMobile();
    const late = await invite(admin, { phone: lateMobile }, units.guniupingGrid2);
    await service.from("invitations").update({ expires_at: new Date(Date.now() - 86_400_000).toISOString() }).eq("id", late.data!.id);
    expect((await contextOf(await signUp({ phone: lateMobile }))).memberships).toEqual([]);
    expect(await statusOf(late.data!.id)).toBe("expired");

    const revokedMobile = uniqueMobile();
    const revoked = await invite(admin, { phone: revokedMobile }, units.guniupingGrid2);
    const revoking = await admin.rpc("revoke_invitation", { p_invitation_id: revoked.data!.id });
    expect(revoking.error).toBeNull();
    expect(revoking.data).toMatchObject({ status: "revoked" });
    const again = await admin.rpc("revoke_invitation", { p_invitation_id: revoked.data!.id });
    expect(again.error?.code).toBe("CGI01");
    expect((await contextOf(await signUp({ phone: revokedMobile }))).memberships).toEqual([]);
    expect(await statusOf(revoked.data!.id)).toBe("revoked");
  });

  it("an invitation from an admin who was suspended meanwhile gives nothing", async () => {
    const mobile = uniqueMobile();
    const invited = await invite(wanxiAdmin.client, { phone: mobile }, units.wanxiGrid1);
    expect(invited.error).toBeNull();
    const { data: membership } = await service.from("memberships").select("id").eq("user_id", wanxiAdmin.id).single();
    await service.from("memberships").update({ status: "suspended" }).eq("id", membership!.id);
    try {
      expect((await contextOf(await signUp({ phone: mobile }))).memberships).toEqual([]);
      expect(await statusOf(invited.data!.id)).toBe("pending");
    } finally {
      await service.from("memberships").update({ status: "active" }).eq("id", membership!.id);
    }
  });

  it("an account created unconfirmed claims only once its address is confirmed", async () => {
    const email = uniqueEmail("unconfirmed");
    await invite(admin, { email }, units.guniupingGrid1, "volunteer");
    const { data } = await service.auth.admin.createUser({ email, password: TEST_PASSWORD, email_confirm: false });
    world.trackUser(data.user!.id);
    const count = async () => (await service.from("memberships").select("id").eq("user_id", data.user!.id)).data!.length;
    expect(await count()).toBe(0);
    await service.auth.admin.updateUserById(data.user!.id, { email_confirm: true });
    expect(await count()).toBe(1);
  });

  it("someone who already had an account claims with claim_my_invitations()", async () => {
    const existing = await world.person("existing");
    expect(await existing.client.rpc("claim_my_invitations")).toMatchObject({ data: 0 });
    await invite(admin, { email: existing.email }, units.guniupingGrid2, "volunteer");
    expect(await existing.client.rpc("claim_my_invitations")).toMatchObject({ data: 1 });
    expect((await contextOf(existing.client)).memberships).toEqual([expect.objectContaining({ role_key: "volunteer" })]);
  });
});

describe("who may invite", () => {
  it("an invitation to a unit outside the admin's scope is refused; that unit's own admin may invite", async () => {
    const outside = await invite(admin, { phone: uniqueMobile() }, units.wanxiGrid1);
    expect(outside.error?.code).toBe("42501");
    const theirs = await invite(wanxiAdmin.client, { phone: uniqueMobile() }, units.wanxiGrid1);
    expect(theirs.error).toBeNull();
    const peek = await admin.from("invitations").select("id").eq("id", theirs.data!.id);
    expect(peek.data).toEqual([]);
    const revoke = await admin.rpc("revoke_invitation", { p_invitation_id: theirs.data!.id });
    expect(revoke.error?.code).toBe("42501");
  });

  it("nobody but a system administrator invites to system_admin", async () => {
    const refused = await invite(admin, { phone: uniqueMobile() }, units.guniuping, "system_admin");
    expect(refused.error?.code).toBe("42501");
    const sysadmin = await world.person("sysadmin", { role: "system_admin", unitCode: units.prefecture });
    const allowed = await invite(sysadmin.client, { phone: uniqueMobile() }, units.guniuping, "system_admin");
    expect(allowed.error).toBeNull();
  });

  it("a grid worker can neither invite nor read invitations, even for their own grid", async () => {
    const refused = await invite(grid, { phone: uniqueMobile() }, units.guniupingGrid1);
    expect(refused.error?.code).toBe("42501");
    const mine = await invite(admin, { phone: uniqueMobile() }, units.guniupingGrid1);
    expect(mine.error).toBeNull();
    expect((await grid.from("invitations").select("id").eq("id", mine.data!.id)).data).toEqual([]);
    expect((await admin.from("invitations").select("id").eq("id", mine.data!.id)).data).toHaveLength(1);
  });

  it("contacts are validated and one pending invitation per person, unit and role", async () => {
    expect((await invite(admin, { phone: "not a phone" }, units.guniuping)).error?.code).toBe("CGI02");
    const both = await admin.from("invitations").insert({ phone: uniqueMobile(), email: uniqueEmail("both"), org_unit_id: await unitId(units.guniuping), role_key: "staff" });
    expect(both.error?.code).toBe("23514");
    const mobile = uniqueMobile();
    expect((await invite(admin, { phone: mobile }, units.guniuping, "staff")).error).toBeNull();
    expect((await invite(admin, { phone: `+86${mobile}` }, units.guniuping, "staff")).error?.code).toBe("23505");
  });

  it("an admin cannot mark an invitation claimed or backdate it themselves", async () => {
    const mine = await invite(admin, { phone: uniqueMobile() }, units.guniupingGrid2);
    const claimed = await admin.from("invitations").update({ status: "claimed" }).eq("id", mine.data!.id);
    expect(claimed.error?.code).toBe("23514");
    const expired = await admin.from("invitations").update({ status: "expired" }).eq("id", mine.data!.id);
    expect(expired.error?.code).toBe("CGI01");
    const backdated = await admin.from("invitations").update({ expires_at: new Date().toISOString() }).eq("id", mine.data!.id);
    expect(backdated.error?.code).toBe("42501");
  });
});

describe("anon", () => {
  it("gets nothing from invitations and cannot create one", async () => {
    const anon = anonClient();
    const read = await anon.from("invitations").select("*");
    expect(read.data ?? []).toEqual([]);
    const write = await anon.from("invitations").insert({ phone: uniqueMobile(), org_unit_id: await unitId(units.guniuping), role_key: "staff" });
    expect(write.error).not.toBeNull();
    expect((await anon.rpc("claim_my_invitations")).error).not.toBeNull();
  });
});
