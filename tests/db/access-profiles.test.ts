// Profiles (issue #7, item 6; 20261130050200): users change only their own display name; phone and
// e-mail follow auth.users; every change is audited and readable by the administrators of the
// person's units. Acting as the demo users through PostgREST.
import type { SupabaseClient } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run, service, signedIn, TestWorld, uniqueEmail, units, userIdOf, type TestPerson } from "../support/access-fixtures.ts";
import { sql } from "../support/engine-fixtures";

const world = new TestWorld();
let grid: SupabaseClient;
let gridId: string;
let admin: SupabaseClient;
let wanxiAdmin: TestPerson;
let originalName: string;

type Profile = { display_name: string; email: string | null; phone: string | null };
const profileOf = async (id: string) => (await sql<Profile>("select display_name, email, phone from public.profiles where id = $1", [id]))[0];

beforeAll(async () => {
  grid = await signedIn("grid@demo.local");
  gridId = await userIdOf(grid);
  admin = await signedIn("admin@demo.local");
  wanxiAdmin = await world.person("wanxi-admin", { role: "community_admin", unitCode: units.wanxi });
  originalName = (await profileOf(gridId)).display_name;
});
afterAll(async () => {
  await sql("update public.profiles set display_name = $2 where id = $1", [gridId, originalName]);
  await world.cleanup();
});

describe("what a user may change in their profile", () => {
  it("not their phone or e-mail: setting them to the administrator's is refused and nothing changes", async () => {
    const before = await profileOf(gridId);
    const adminProfile = await profileOf(await userIdOf(admin));
    for (const change of [{ phone: adminProfile.phone }, { email: adminProfile.email }, { display_name: "冒名", phone: adminProfile.phone }]) {
      const { error, status } = await grid.from("profiles").update(change).eq("id", gridId);
      expect({ change, status, code: error?.code }).toEqual({ change, status: 403, code: "42501" });
    }
    expect(await profileOf(gridId)).toEqual(before);
  });

  it("their display name: trimmed, not blank, at most 60 characters", async () => {
    const blank = await grid.from("profiles").update({ display_name: "\u200b \u3000" }).eq("id", gridId);
    expect(blank.error).toMatchObject({ code: "PT400", message: "display_name_required" });
    const tooLong = await grid
      .from("profiles")
      .update({ display_name: "名".repeat(61) })
      .eq("id", gridId);
    expect(tooLong.error).toMatchObject({ code: "PT400", message: "text_too_long" });
    const renamed = await grid
      .from("profiles")
      .update({ display_name: ` 网格员${run}\u200b ` })
      .eq("id", gridId)
      .select("display_name")
      .single();
    expect(renamed.error).toBeNull();
    expect(renamed.data!.display_name).toBe(`网格员${run}`);
  });

  it("not someone else's display name (no row matches)", async () => {
    const adminId = await userIdOf(admin);
    const before = await profileOf(adminId);
    const { data, error } = await grid.from("profiles").update({ display_name: "冒名" }).eq("id", adminId).select();
    expect(error).toBeNull();
    expect(data).toEqual([]);
    expect(await profileOf(adminId)).toEqual(before);
  });
});

describe("phone and e-mail follow auth.users", () => {
  it("an e-mail change through the auth admin API reaches the profile", async () => {
    const person = await world.person("contact");
    const email = uniqueEmail("moved");
    const { error } = await service.auth.admin.updateUserById(person.id, { email, email_confirm: true });
    expect(error).toBeNull();
    expect((await profileOf(person.id)).email).toBe(email);
  });
});

describe("profile changes are audited", () => {
  it("the rename appears in the audit log for the grid's administrator, not for the grid worker or another community's administrator", async () => {
    const name = `审计${run}`;
    const renamed = await grid.from("profiles").update({ display_name: name }).eq("id", gridId);
    expect(renamed.error).toBeNull();
    const entries = await admin
      .from("audit_log")
      .select("action, actor, before, after")
      .eq("table_name", "profiles")
      .eq("row_id", gridId)
      .order("id", { ascending: false })
      .limit(1);
    expect(entries.error).toBeNull();
    expect(entries.data![0]).toMatchObject({ action: "update", actor: gridId, after: { display_name: name } });
    for (const outsider of [grid, wanxiAdmin.client]) {
      const hidden = await outsider.from("audit_log").select("id").eq("table_name", "profiles").eq("row_id", gridId);
      expect(hidden.error).toBeNull();
      expect(hidden.data).toEqual([]);
    }
  });
});
