// The org tree and the shell's context through PostgREST as the real demo users.
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import { describe, expect, it } from "vitest";

const url = process.env.SUPABASE_URL!;
const anonKey = process.env.SUPABASE_ANON_KEY!;
const PASSWORD = "Demo@2026";

function client(): SupabaseClient {
  return createClient(url, anonKey, { auth: { persistSession: false, autoRefreshToken: false } });
}

async function signedIn(email: string): Promise<SupabaseClient> {
  const c = client();
  const { error } = await c.auth.signInWithPassword({ email, password: PASSWORD });
  if (error) throw error;
  return c;
}

describe("org_units", () => {
  it("a signed-in user reads the whole tree with official codes", async () => {
    const c = await signedIn("grid@demo.local");
    const { data, error } = await c.from("org_units").select("code, name, level, depth, path").order("code");
    expect(error).toBeNull();
    expect(data!.length).toBeGreaterThan(100);
    const levels = new Set(data!.map((u) => u.level));
    expect([...levels].sort()).toEqual(["community", "county", "grid", "prefecture", "street"]);
    expect(data!.find((u) => u.code === "433100")?.name).toBe("湘西土家族苗族自治州");
    expect(data!.filter((u) => u.level === "county")).toHaveLength(8);
    const grid = data!.find((u) => u.code === "433101009001001")!;
    expect(grid.depth).toBe(4);
    expect(grid.path.split(".")).toHaveLength(5);
  });

  it("anon reads nothing and nobody writes through the API", async () => {
    const anon = await client().from("org_units").select("id");
    expect(anon.error?.code).toBe("42501");
    expect(anon.data).toBeNull();
    const admin = await signedIn("admin@demo.local");
    const { data: street } = await admin.from("org_units").select("id").eq("code", "433101009").single();
    const insert = await admin.from("org_units").insert({ parent_id: street!.id, code: "433101009999", name: "伪造社区", level: "community" });
    expect(insert.error?.code).toBe("42501");
    const update = await admin.from("org_units").update({ name: "改名" }).eq("code", "433100").select();
    expect(update.data ?? []).toEqual([]);
    const check = await admin.from("org_units").select("name").eq("code", "433100").single();
    expect(check.data?.name).toBe("湘西土家族苗族自治州");
  });

  it("the database refuses a unit at the wrong level (service role bypasses RLS, not triggers)", async () => {
    const service = createClient(url, process.env.SUPABASE_SERVICE_ROLE_KEY!, { auth: { persistSession: false } });
    const { data: street } = await service.from("org_units").select("id").eq("code", "433101009").single();
    const { error } = await service.from("org_units").insert({ parent_id: street!.id, code: "433101009777001", name: "错层网格", level: "grid" });
    expect(error?.code).toBe("23514");
  });
});

describe("my_context()", () => {
  it.each([
    ["admin@demo.local", "田晓梅", "community_admin", "牯牛坪社区"],
    ["staff@demo.local", "彭丽", "staff", "牯牛坪社区"],
    ["grid@demo.local", "龙建军", "grid_worker", "第一网格"],
    ["leader@demo.local", "向国华", "leader", "吉首市"],
  ])("%s sees their name, role and unit", async (email, name, role, unit) => {
    const c = await signedIn(email);
    const { data, error } = await c.rpc("my_context");
    expect(error).toBeNull();
    expect(data).toMatchObject({ display_name: name, email, demo: true });
    expect(data.memberships).toEqual([expect.objectContaining({ role_key: role, org_unit_name: unit })]);
  });

  it("a grid worker sees only profiles within their grid; the admin sees the grid worker too", async () => {
    const grid = await signedIn("grid@demo.local");
    const mine = await grid.from("profiles").select("display_name");
    expect(mine.data?.map((p) => p.display_name)).toEqual(["龙建军"]);
    const admin = await signedIn("admin@demo.local");
    const theirs = await admin.from("profiles").select("display_name").order("display_name");
    expect(theirs.data?.map((p) => p.display_name).sort()).toEqual(["彭丽", "田晓梅", "龙建军"].sort());
  });

  it("anon cannot call it", async () => {
    const { error } = await client().rpc("my_context");
    expect(error).not.toBeNull();
  });
});
