// service_widget_data: the figures behind a dashboard widget, counted under the caller's own
// record policies (security invoker). A grid worker counts their grid, the community's staff the
// community, a role without read nothing; the figures equal what the same user counts directly;
// overdue and average duration follow the workflow's terminal states; an unknown or sensitive
// grouping is refused with a clear message. Through the API as real users.
import type { SupabaseClient } from "@supabase/supabase-js";
import { beforeAll, describe, expect, it } from "vitest";
import { as, gridEventData, mustCreate, mustTransition, run, serviceId, sql, unitId, UNITS } from "../support/engine-fixtures";

type Figure = { bucket: string | null; value: number };

let admin: SupabaseClient;
let staff: SupabaseClient;
let grid: SupabaseClient; // grid_worker at 牯牛坪 第一网格
let leader: SupabaseClient; // leader at 吉首市, no grant on the test service
const key = `widgets_${run}`;
let service: string;

const figures = async (c: SupabaseClient, id: string, metric: string, groupBy: string | null = null): Promise<Figure[]> => {
  const { data, error } = await c.rpc("service_widget_data", { p_service_id: id, p_metric: metric, p_group_by: groupBy });
  expect(error).toBeNull();
  return (data as Figure[]).map((f) => ({ bucket: f.bucket, value: Number(f.value) }));
};
const asMap = (rows: Figure[]) => Object.fromEntries(rows.map((r) => [r.bucket ?? "∅", r.value]));

/** Changes system columns the way the demo seed does (an import), to place a record in time. */
async function backdate(recordId: string, set: string): Promise<void> {
  await sql(`begin; set local app.record_write = 'import'; update public.records set ${set} where id = '${recordId}'; commit;`);
}

beforeAll(async () => {
  [admin, staff, grid, leader] = await Promise.all([as("admin"), as("staff"), as("grid"), as("leader")]);
  const definition = {
    key,
    name: "楼道照明报修",
    category: "议事协商",
    icon: "BulbOutlined",
    description: "居民报修楼道照明，由社区工作人员处理。",
    purpose: "登记报修位置和联系电话以便处理。",
    fields: [
      { key: "place", label: "位置", type: "text", required: true, maxLength: 40 },
      {
        key: "kind",
        label: "类别",
        type: "select",
        options: [
          { value: "light", label: "灯" },
          { value: "door", label: "门" },
        ],
      },
      { key: "phone", label: "联系电话", type: "phone", sensitive: true, purpose: "回访" },
      {
        key: "floors",
        label: "涉及楼层",
        type: "multiselect",
        options: [
          { value: "f1", label: "一楼" },
          { value: "f2", label: "二楼" },
        ],
      },
    ],
    list: { columns: ["place", "status"] },
    workflow: {
      initial: "open",
      states: [
        { key: "open", label: "待处理", color: "blue" },
        { key: "done", label: "已处理", color: "success", terminal: true },
      ],
      transitions: [{ key: "finish", label: "处理完成", from: ["open"], to: "done", roles: ["staff"] }],
    },
    permissions: { community_admin: ["read", "create", "update"], staff: ["read", "create", "update"], grid_worker: ["read"] },
  };
  const created = await admin.rpc("create_service", { p_definition: definition, p_owner_org_unit_id: await unitId(UNITS.guniuping) });
  expect(created.error).toBeNull();
  service = created.data.id;
  expect((await admin.rpc("publish_service", { p_service_id: service, p_definition: null, p_expected_row_version: 1 })).error).toBeNull();

  const inGrid1 = await mustCreate(staff, key, UNITS.guniupingGrid1, { place: "3 栋 2 单元", kind: "light" });
  const finished = await mustCreate(staff, key, UNITS.guniupingGrid1, { place: "5 栋", kind: "light" });
  const inGrid2 = await mustCreate(staff, key, UNITS.guniupingGrid2, { place: "8 栋", kind: "door" });
  await mustTransition(staff, finished, "finish");
  // open and 2 days old, past due; the finished one is past due too but closed (not overdue)
  await backdate(inGrid1.id, "created_at = now() - interval '48 hours', due_at = now() - interval '1 hour'");
  await backdate(finished.id, "due_at = now() - interval '1 hour'");
  void inGrid2;
});

describe("service_widget_data", () => {
  it("counts what the caller may read: the grid worker their grid, staff the community, a role without read nothing", async () => {
    expect(await figures(staff, service, "count")).toEqual([{ bucket: null, value: 3 }]);
    expect(await figures(grid, service, "count")).toEqual([{ bucket: null, value: 2 }]);
    expect(await figures(leader, service, "count")).toEqual([]);
    expect(await figures(leader, service, "count", "status")).toEqual([]);
    // positive control: with read granted, the leader above counts all three
    expect(
      (await admin.rpc("set_service_grants", { p_service_id: service, p_changes: [{ role_key: "leader", action: "read", granted: true }] })).error,
    ).toBeNull();
    expect(await figures(leader, service, "count")).toEqual([{ bucket: null, value: 3 }]);
  });

  it("groups by status, unit (named), option value and month, as the direct count does", async () => {
    expect(asMap(await figures(staff, service, "count", "status"))).toEqual({ open: 2, done: 1 });
    expect(asMap(await figures(staff, service, "count", "kind"))).toEqual({ light: 2, door: 1 });
    const names = await sql<{ code: string; name: string }>("select code, name from public.org_units where code in ($1, $2)", [
      UNITS.guniupingGrid1,
      UNITS.guniupingGrid2,
    ]);
    const nameOf = (code: string) => names.find((n) => n.code === code)!.name;
    expect(asMap(await figures(staff, service, "count", "org_unit"))).toEqual({ [nameOf(UNITS.guniupingGrid1)]: 2, [nameOf(UNITS.guniupingGrid2)]: 1 });
    const months = await sql<{ month: string; n: string }>(
      "select to_char(created_at at time zone 'Asia/Shanghai', 'YYYY-MM') as month, count(*) n from public.records where service_id = $1 group by 1",
      [service],
    );
    expect(asMap(await figures(staff, service, "count", "created_month"))).toEqual(Object.fromEntries(months.map((m) => [m.month, Number(m.n)])));
  });

  it("overdue counts open records past due; average duration runs from filing to the terminal transition, or to now", async () => {
    expect(await figures(staff, service, "overdue")).toEqual([{ bucket: null, value: 1 }]);
    expect(asMap(await figures(staff, service, "overdue", "status"))).toEqual({ open: 1, done: 0 });
    // 48 h, ~0 h and ~0 h
    const [{ value }] = await figures(staff, service, "avg_duration");
    expect(value).toBeGreaterThanOrEqual(15.9);
    expect(value).toBeLessThanOrEqual(16.1);
  });

  it("on the seeded grid events, each figure equals the count the same user reads directly", async () => {
    const gridEvent = await serviceId("grid_event");
    const street = await (async () => {
      const { anon } = await import("../support/engine-fixtures");
      const c = anon();
      const { error } = await c.auth.signInWithPassword({ email: "street@demo.local", password: "Demo@2026" });
      expect(error).toBeNull();
      return c;
    })();
    for (const c of [staff, grid, street]) {
      const { data, error } = await c.from("records").select("status").eq("service_id", gridEvent);
      expect(error).toBeNull();
      const direct: Record<string, number> = {};
      for (const row of data!) direct[row.status] = (direct[row.status] ?? 0) + 1;
      expect(asMap(await figures(c, gridEvent, "count", "status"))).toEqual(direct);
      expect(await figures(c, gridEvent, "count")).toEqual([{ bucket: null, value: data!.length }]);
    }
    // the street's staff see more than one community's
    const [{ value: community }] = await figures(staff, gridEvent, "count");
    const [{ value: wider }] = await figures(street, gridEvent, "count");
    expect(wider).toBeGreaterThan(community);
  });

  it("groups by a multi-choice answer per chosen option, and by an indexed field as by its answer", async () => {
    await mustCreate(staff, key, UNITS.guniupingGrid1, { place: "7 栋", kind: "light", floors: ["f1", "f2"] });
    await mustCreate(staff, key, UNITS.guniupingGrid1, { place: "9 栋", kind: "light", floors: ["f2"] });
    // each chosen option counts once per record; unanswered ones fall in the empty bucket
    expect(asMap(await figures(staff, service, "count", "floors"))).toEqual({ f1: 1, f2: 2, "∅": 3 });

    const gridEvent = await serviceId("grid_event");
    const { data: events } = await staff.from("records").select("data,status,due_at").eq("service_id", gridEvent);
    const perUrgency: Record<string, number> = {};
    for (const row of events!) {
      const urgency = String((row.data as Record<string, unknown>).urgency ?? "∅");
      perUrgency[urgency] = (perUrgency[urgency] ?? 0) + 1;
    }
    expect(asMap(await figures(staff, gridEvent, "count", "urgency"))).toEqual(perUrgency);
    const overdue = events!.filter((row) => row.due_at !== null && new Date(row.due_at) < new Date() && !["closed", "invalid"].includes(row.status)).length;
    expect(await figures(staff, gridEvent, "overdue")).toEqual([{ bucket: null, value: overdue }]);
  });

  it("counts by month from kept counts that equal the records, through moves, backdating and deletion; a participant adds what left their scope", async () => {
    const kept = async () =>
      (
        await sql<{ wrong: number }>(
          `select count(*)::int wrong from (
             select service_id, org_unit_id, month, sum(n) n from (
               select service_id, org_unit_id, month, records n from private.record_month_counts
               union all
               select service_id, org_unit_id, to_char(created_at at time zone 'Asia/Shanghai', 'YYYY-MM'), -count(*)
                 from public.records where deleted_at is null group by 1, 2, 3) x
             group by 1, 2, 3 having sum(n) <> 0) d`,
        )
      )[0].wrong;
    expect(await kept()).toBe(0);

    const gridEvent = await serviceId("grid_event");
    const byMonth = async (c: SupabaseClient) => {
      const { data, error } = await c.from("records").select("created_at").eq("service_id", gridEvent);
      expect(error).toBeNull();
      const direct: Record<string, number> = {};
      for (const row of data!) {
        const month = new Date(new Date(row.created_at).getTime() + 8 * 3600_000).toISOString().slice(0, 7);
        direct[month] = (direct[month] ?? 0) + 1;
      }
      return direct;
    };
    // a grid worker files an event and escalates it to the community: it leaves their grid, they keep reading it
    const filed = await mustCreate(grid, "grid_event", UNITS.guniupingGrid1, await gridEventData());
    const accepted = await mustTransition(grid, filed, "accept");
    await mustTransition(grid, accepted, "escalate_to_community", { comment: "需要社区协调 by month" });
    await backdate(filed.id, "created_at = created_at - interval '400 days'");
    const gone = await mustCreate(staff, "grid_event", UNITS.guniupingGrid2, await gridEventData(UNITS.guniupingGrid2));
    expect((await admin.rpc("delete_record", { p_id: gone.id, p_row_version: gone.row_version, p_reason: "重复上报 by month" })).error).toBeNull();
    expect(await kept()).toBe(0);

    for (const c of [staff, grid, leader]) expect(asMap(await figures(c, gridEvent, "count", "created_month"))).toEqual(await byMonth(c));
    // the backdated, escalated record is in the grid worker's figures, in its month
    const [{ month }] = await sql<{ month: string }>(
      "select to_char(created_at at time zone 'Asia/Shanghai', 'YYYY-MM') as month from public.records where id = $1",
      [filed.id],
    );
    expect(asMap(await figures(grid, gridEvent, "count", "created_month"))[month]).toBeGreaterThanOrEqual(1);
  });

  it("refuses an unknown or sensitive grouping and an unknown metric, naming it", async () => {
    const unknown = await staff.rpc("service_widget_data", { p_service_id: service, p_metric: "count", p_group_by: "colour" });
    expect(unknown.error).toMatchObject({ code: "PT400", message: "group_by_unknown" });
    expect(unknown.error!.hint).toContain('"colour"');
    const sensitive = await staff.rpc("service_widget_data", { p_service_id: service, p_metric: "count", p_group_by: "phone" });
    expect(sensitive.error).toMatchObject({ code: "PT400", message: "group_by_sensitive" });
    const metric = await staff.rpc("service_widget_data", { p_service_id: service, p_metric: "sum", p_group_by: null });
    expect(metric.error).toMatchObject({ code: "PT400", message: "widget_metric_invalid" });
    const missing = await staff.rpc("service_widget_data", { p_service_id: "00000000-0000-4000-8000-000000000000", p_metric: "count", p_group_by: null });
    expect(missing.error).toMatchObject({ code: "PT404", message: "service_not_found" });
    // positive control: a known field groups
    expect((await staff.rpc("service_widget_data", { p_service_id: service, p_metric: "count", p_group_by: "kind" })).error).toBeNull();
  });
});
