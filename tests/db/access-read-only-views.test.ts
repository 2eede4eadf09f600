// Writes to read-only views answer 4xx, not 500 (issue #7, item 6; 20261130050100). Before, a
// POST/PATCH/DELETE on /rest/v1/members reached Postgres' rewriter ("cannot insert into view",
// 55000), which PostgREST answers with 500 — for anon too. Acting through PostgREST.
import { describe, expect, it } from "vitest";
import { anon, as, sql } from "../support/engine-fixtures";

describe("the members view", () => {
  it("a member reads it (the positive control)", async () => {
    const grid = await as("grid");
    const { data, error, status } = await grid.from("members").select("id, display_name, role_key").limit(5);
    expect(error).toBeNull();
    expect(status).toBe(200);
    expect(data!.length).toBeGreaterThan(0);
  });

  it("refuses POST, PATCH and DELETE with 401 for anon and 403 for a signed-in user", async () => {
    const grid = await as("grid");
    const [{ id }] = await sql<{ id: string }>("select id from public.memberships limit 1");
    for (const [who, client, expected] of [
      ["anon", anon(), 401],
      ["grid", grid, 403],
    ] as const) {
      const inserted = await client.from("members").insert({ display_name: "冒名", role_key: "community_admin" });
      const updated = await client.from("members").update({ display_name: "冒名" }).eq("id", id);
      const deleted = await client.from("members").delete().eq("id", id);
      for (const [method, response] of [
        ["POST", inserted],
        ["PATCH", updated],
        ["DELETE", deleted],
      ] as const) {
        expect({ who, method, status: response.status, code: response.error?.code }).toEqual({ who, method, status: expected, code: "42501" });
      }
    }
    const [after] = await sql<{ n: number }>("select count(*)::int n from public.memberships where id = $1", [id]);
    expect(after.n).toBe(1);
  });
});

describe("every view in public", () => {
  it("that Postgres cannot update by itself has INSTEAD OF triggers for insert, update and delete", async () => {
    const views = await sql<{ view: string; updatable: number; instead_of: number }>(`
      select c.relname as view, pg_relation_is_updatable(c.oid, false) as updatable,
             (select count(*)::int from pg_trigger t where t.tgrelid = c.oid and (t.tgtype & 64) <> 0
                and (t.tgtype & 28) = 28) as instead_of
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind = 'v'`);
    expect(views.map((v) => v.view)).toContain("members");
    const unguarded = views.filter((v) => (v.updatable & 28) !== 28 && v.instead_of === 0).map((v) => v.view);
    expect(unguarded).toEqual([]);
  });
});
