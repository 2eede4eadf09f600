// Who sees which records: a role granted `read` on the service, held at the record's unit or
// above. Every denial next to its positive control.
import { describe, expect, it } from "vitest";
import { as, gridEventData, mustCreate, serviceId, sql, UNITS, unitId } from "../support/engine-fixtures";

describe("record visibility", () => {
  it("a grid worker reads their grid's records but not a sibling grid's; staff of the community read both", async () => {
    const staff = await as("staff");
    const grid = await as("grid");
    const own = await mustCreate(staff, "grid_event", UNITS.guniupingGrid1, await gridEventData(UNITS.guniupingGrid1));
    const sibling = await mustCreate(staff, "grid_event", UNITS.guniupingGrid2, await gridEventData(UNITS.guniupingGrid2));
    const ids = [own.id, sibling.id];
    const byGrid = await grid.from("records").select("id").in("id", ids);
    expect(byGrid.data).toEqual([{ id: own.id }]);
    const byStaff = await staff.from("records").select("id").in("id", ids);
    expect(byStaff.data!.map((r) => r.id).sort()).toEqual([...ids].sort());
    // their history follows them
    expect((await grid.from("record_events").select("record_id").in("record_id", ids)).data).toEqual([{ record_id: own.id }]);
    // and no RPC reaches the sibling's record
    const comment = await grid.rpc("comment_record", { p_id: sibling.id, p_comment: "看看" });
    expect(comment.error).toMatchObject({ code: "PT404", message: "record_not_found" });
  });

  it("a leader at 吉首市 reads records of every community below; the community's staff do not read other communities", async () => {
    const staff = await as("staff");
    const leader = await as("leader");
    const [elsewhere] = await sql<{ id: string }>(
      `select r.id from public.records r join public.org_units u on u.id = r.org_unit_id
        where r.is_synthetic and u.path not like (select path from public.org_units where code = $1) || '%'
          -- a seeded service the leader reads (services other files publish may grant leaders nothing)
          and r.service_id in (select id from public.services where key in ('elderly_benefit', 'veteran_card', 'grid_event', 'resident_proposal'))
          and u.path like (select path from public.org_units where code = '433101') || '%' and r.deleted_at is null
          -- not one the community's staff took part in before it went up to the street or county (they keep reading those)
          and not exists (select 1 from public.record_participants p join auth.users a on a.id = p.user_id
                           where p.record_id = r.id and a.email = 'staff@demo.local') limit 1`,
      [UNITS.guniuping],
    );
    expect((await leader.from("records").select("id").eq("id", elsewhere.id)).data).toEqual([{ id: elsewhere.id }]);
    expect((await staff.from("records").select("id").eq("id", elsewhere.id)).data).toEqual([]);
  });

  it("reading needs `read` on the service: a role without it sees nothing of that service", async () => {
    const grid = await as("grid");
    const [service] = await sql<{ id: string }>("select id from public.services where key = 'veteran_card'");
    // grid_worker reads veteran_card records; take the grant away for this check and restore it
    await sql("delete from public.service_role_grants where service_id = $1 and role_key = 'grid_worker' and action = 'read'", [service.id]);
    try {
      expect((await grid.from("records").select("id").eq("service_id", service.id)).data).toEqual([]);
    } finally {
      await sql("insert into public.service_role_grants values ($1, 'grid_worker', 'read')", [service.id]);
    }
    expect((await grid.from("records").select("id").eq("service_id", service.id).limit(1)).data).toHaveLength(1);
  });

  it("counts only what the user may read", async () => {
    const grid = await as("grid");
    const leader = await as("leader");
    const gridEvent = await serviceId("grid_event");
    const mine = await grid.from("records").select("id", { count: "exact", head: true }).eq("service_id", gridEvent);
    const theirs = await leader.from("records").select("id", { count: "exact", head: true }).eq("service_id", gridEvent);
    const [expected] = await sql<{ grid: number; leader: number }>(
      // in the unit's subtree, or (the grid worker) a record they took part in (record_participants)
      `select count(*) filter (where u.path like g.path || '%' or exists (select 1 from public.record_participants p
                                 where p.record_id = r.id and p.user_id = (select id from auth.users where email = 'grid@demo.local')))::int grid,
              count(*) filter (where u.path like l.path || '%')::int leader
         from public.records r join public.org_units u on u.id = r.org_unit_id,
              public.org_units g, public.org_units l
        where r.service_id = $1 and r.deleted_at is null and g.code = $2 and l.code = '433101'`,
      [gridEvent, UNITS.guniupingGrid1],
    );
    expect(mine.count).toBe(expected.grid);
    expect(theirs.count).toBe(expected.leader);
    expect(expected.leader).toBeGreaterThan(expected.grid);
  });
});

describe("services and versions", () => {
  it("signed-in users read the published templates; nobody writes services directly", async () => {
    const staff = await as("staff");
    const { data } = await staff.from("services").select("key, status, current_version").order("key");
    expect(data).toEqual(
      expect.arrayContaining([
        { key: "elderly_benefit", status: "published", current_version: 1 },
        { key: "grid_event", status: "published", current_version: 1 },
        { key: "veteran_card", status: "published", current_version: 1 },
      ]),
    );
    const { data: version } = await staff
      .from("service_versions")
      .select("definition")
      .eq("service_id", await serviceId("grid_event"))
      .single();
    expect(version!.definition.workflow.initial).toBe("reported");
    const admin = await as("admin");
    const insert = await admin.from("services").insert({ key: "sneaky", name: "绕过", owner_org_unit_id: await unitId(UNITS.guniuping) });
    expect(insert.error?.code).toBe("42501");
    const update = await admin.from("services").update({ name: "改名" }).eq("key", "grid_event").select();
    expect(update.data ?? []).toEqual([]);
  });
});
