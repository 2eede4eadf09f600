// count_transition_actors: the designer's "→ 3 人" per transition. An administrator of the
// sample unit (or above) gets, per role, the distinct active people holding it at that unit or an
// ancestor — the same people transition_record would accept there — and the distinct total;
// staff, grid workers and administrators of other units are refused.
import { describe, expect, it } from "vitest";
import { as, sql, UNITS, unitId } from "../support/engine-fixtures";

type Row = { role_key: string | null; people: number };

/** The people holding any of `roles` at the unit or above, counted straight from the tables. */
async function directCount(unitCode: string, roles: string[]): Promise<number> {
  const [row] = await sql<{ n: number }>(
    `select count(distinct m.user_id)::int as n
       from public.memberships m
       join public.org_units holder on holder.id = m.org_unit_id
       join public.org_units target on target.code = $1
      where m.status = 'active' and m.role_key = any ($2)
        and (target.path = holder.path or target.path like holder.path || '.%')`,
    [unitCode, roles],
  );
  return row.n;
}

describe("count_transition_actors", () => {
  it("gives the community administrator each role's people at a grid and above, and the distinct total", async () => {
    const admin = await as("admin");
    const roles = ["staff", "grid_worker", "community_admin", "volunteer"];
    const { data, error } = await admin.rpc("count_transition_actors", { p_org_unit_id: await unitId(UNITS.guniupingGrid1), p_roles: roles });
    expect(error).toBeNull();
    const rows = data as Row[];
    for (const role of roles) expect(rows.find((row) => row.role_key === role)?.people).toBe(await directCount(UNITS.guniupingGrid1, [role]));
    expect(rows.find((row) => row.role_key === null)?.people).toBe(await directCount(UNITS.guniupingGrid1, roles));
    // staff@ holds staff at the community and street@ at the street above: both may act at the grid
    expect(rows.find((row) => row.role_key === "staff")?.people).toBeGreaterThanOrEqual(2);
  });

  it("counts nobody for a role held only below the unit, and no suspended membership", async () => {
    const admin = await as("admin");
    // the demo grid worker is a member of grid 1 only: at the community, nobody holds grid_worker from above
    const community = await admin.rpc("count_transition_actors", { p_org_unit_id: await unitId(UNITS.guniuping), p_roles: ["grid_worker"] });
    expect(community.error).toBeNull();
    expect((community.data as Row[]).map((row) => row.people)).toEqual([
      await directCount(UNITS.guniuping, ["grid_worker"]),
      await directCount(UNITS.guniuping, ["grid_worker"]),
    ]);
    const [grid] = await sql<{ id: string }>(
      "select m.id from public.memberships m join auth.users u on u.id = m.user_id where u.email = 'grid@demo.local' and m.role_key = 'grid_worker'",
    );
    const grid1 = await unitId(UNITS.guniupingGrid1);
    const before = ((await admin.rpc("count_transition_actors", { p_org_unit_id: grid1, p_roles: ["grid_worker"] })).data as Row[])[0].people;
    await sql("update public.memberships set status = 'suspended' where id = $1", [grid.id]);
    try {
      const after = await admin.rpc("count_transition_actors", { p_org_unit_id: grid1, p_roles: ["grid_worker"] });
      expect((after.data as Row[])[0].people).toBe(before - 1);
    } finally {
      await sql("update public.memberships set status = 'active' where id = $1", [grid.id]);
    }
  });

  it("refuses staff, grid workers and administrators of another community", async () => {
    const grid1 = await unitId(UNITS.guniupingGrid1);
    for (const who of ["staff", "grid"] as const) {
      const { error } = await (await as(who)).rpc("count_transition_actors", { p_org_unit_id: grid1, p_roles: ["staff"] });
      expect(error).toMatchObject({ code: "PT403", message: "unit_forbidden" });
    }
    const admin = await as("admin");
    const elsewhere = await admin.rpc("count_transition_actors", { p_org_unit_id: await unitId(UNITS.wanxiGrid1), p_roles: ["staff"] });
    expect(elsewhere.error).toMatchObject({ code: "PT403", message: "unit_forbidden" });
    const street = await admin.rpc("count_transition_actors", { p_org_unit_id: await unitId(UNITS.jifengStreet), p_roles: ["staff"] });
    expect(street.error).toMatchObject({ code: "PT403", message: "unit_forbidden" });
    const missing = await admin.rpc("count_transition_actors", { p_org_unit_id: "00000000-0000-4000-8000-000000000000", p_roles: ["staff"] });
    expect(missing.error).toMatchObject({ code: "PT404", message: "org_unit_not_found" });
  });
});
