// Index slots: the fields a service's list filters and sorts on are copied from `data` to typed
// columns of records (idx_text_N / idx_num_N, services.indexed_fields), which btree indexes
// serve under RLS. The copy is the database's: a client cannot plant a slot value, an edit moves
// it, a publish that indexes a new field fills the existing records, a mapped field never moves;
// reading through a slot filters exactly like reading `data`, within the reader's scope only.
import type { SupabaseClient } from "@supabase/supabase-js";
import { beforeAll, describe, expect, it } from "vitest";
import { as, gridEventData, mustCreate, run, serviceId, sql, stored, unitId, UNITS } from "../support/engine-fixtures";

let admin: SupabaseClient;
let staff: SupabaseClient; // staff at 牯牛坪社区
let grid: SupabaseClient; // grid worker at 牯牛坪 第一网格
let gridEvent: string;
let columns: Record<string, string>;

const indexedFieldsOf = async (id: string) =>
  (await sql<{ f: Record<string, string> }>("select indexed_fields f from public.services where id = $1", [id]))[0].f;

beforeAll(async () => {
  [admin, staff, grid] = await Promise.all([as("admin"), as("staff"), as("grid")]);
  gridEvent = await serviceId("grid_event");
  columns = await indexedFieldsOf(gridEvent);
});

describe("index slots of records", () => {
  it("map the list's sort and filter fields that have short single values; text and sensitive fields stay in data", () => {
    // grid_event filters on category, urgency, level, status, grid, created_at (status and created_at are columns)
    expect(Object.keys(columns).sort()).toEqual(["category", "grid", "level", "urgency"]);
    expect(new Set(Object.values(columns)).size).toBe(4);
    for (const column of Object.values(columns)) expect(column).toMatch(/^idx_text_[1-6]$/);
  });

  it("hold exactly the answers on every seeded record of every service", async () => {
    const [{ wrong }] = await sql<{ wrong: number }>(
      `select count(*)::int wrong from public.records r join public.services s on s.id = r.service_id, jsonb_each_text(s.indexed_fields) m(key, col)
        where (to_jsonb(r) ->> m.col) is distinct from (case when m.col like 'idx_num_%' then (r.data -> m.key)::text else r.data ->> m.key end)`,
    );
    expect(wrong).toBe(0);
  });

  it("are the database's copy: a value a client sends is replaced on insert, and an edit moves it", async () => {
    const planted = Object.fromEntries(Object.values(columns).map((c) => [c, "planted"]));
    const { data, error } = await staff
      .from("records")
      .insert({ service_id: gridEvent, org_unit_id: await unitId(UNITS.guniupingGrid1), data: await gridEventData(), ...planted, idx_num_1: 7 })
      .select("id,row_version")
      .single();
    expect(error).toBeNull();
    const row = (await stored(data!.id)) as unknown as Record<string, unknown>;
    expect(row[columns.urgency]).toBe("yellow");
    expect(row[columns.category]).toBe("sanitation");
    expect(row.idx_num_1).toBeNull();

    const edit = await staff.rpc("update_record", { p_id: data!.id, p_row_version: data!.row_version, p_data: { ...(await gridEventData()), urgency: "red" } });
    expect(edit.error).toBeNull();
    expect(((await stored(data!.id)) as unknown as Record<string, unknown>)[columns.urgency]).toBe("red");
  });

  // the record the test above moved to red is in 第一网格: the grid worker's scope holds one at least
  it("filter like data does, within the reader's scope only", async () => {
    const viaSlot = await grid
      .from("records")
      .select("id", { count: "exact" })
      .eq("service_id", gridEvent)
      .eq(columns.urgency, "red")
      .order(columns.urgency, { ascending: false })
      .order("id", { ascending: false });
    const viaData = await grid.from("records").select("id", { count: "exact" }).eq("service_id", gridEvent).eq("data->>urgency", "red");
    expect(viaSlot.error).toBeNull();
    expect(viaSlot.count).toBe(viaData.count);
    expect(viaSlot.count).toBeGreaterThan(0);
    // the grid worker reads 第一网格 only; the slot opens nothing beyond it
    const grid2 = await unitId(UNITS.guniupingGrid2);
    const [{ beyond }] = await sql<{ beyond: number }>(
      `select count(*)::int beyond from public.records where service_id = $1 and deleted_at is null and org_unit_id = $2 and ${columns.urgency} = 'red'`,
      [gridEvent, grid2],
    );
    expect(beyond).toBeGreaterThan(0);
    const refused = await grid.from("records").select("id").eq("service_id", gridEvent).eq("org_unit_id", grid2).eq(columns.urgency, "red");
    expect(refused.error).toBeNull();
    expect(refused.data).toEqual([]);
  });

  it("a publish that lists a new field fills the service's existing records; mapped fields keep their slot", async () => {
    const definition = {
      key: `slots_${run}`,
      name: "楼道照明报修",
      category: "议事协商",
      icon: "BulbOutlined",
      description: "居民报修楼道照明，由社区工作人员处理。",
      purpose: "登记报修位置以便处理。",
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
        { key: "lamps", label: "灯数", type: "number", min: 0, max: 99 },
      ],
      list: { columns: ["place", "kind", "status"], filterable: ["kind", "place"] },
      workflow: {
        initial: "open",
        states: [
          { key: "open", label: "待处理", color: "blue" },
          { key: "done", label: "已处理", color: "success", terminal: true },
        ],
        transitions: [{ key: "finish", label: "处理完成", from: ["open"], to: "done", roles: ["staff"] }],
      },
      permissions: { community_admin: ["read", "create", "update"], staff: ["read", "create", "update"] },
    };
    const created = await admin.rpc("create_service", { p_definition: definition, p_owner_org_unit_id: await unitId(UNITS.guniuping) });
    expect(created.error).toBeNull();
    const id = created.data.id as string;
    expect((await admin.rpc("publish_service", { p_service_id: id, p_definition: null, p_expected_row_version: 1 })).error).toBeNull();
    const first = await indexedFieldsOf(id);
    expect(first).toEqual({ kind: "idx_text_1" }); // `place` is free text: not indexed

    const record = await mustCreate(staff, definition.key, UNITS.guniupingGrid1, { place: "3 栋", kind: "door", lamps: 4 });
    expect(((await stored(record.id)) as unknown as Record<string, unknown>).idx_num_1).toBeNull();

    const [{ row_version }] = await sql<{ row_version: number }>("select row_version from public.services where id = $1", [id]);
    const next = { ...definition, list: { ...definition.list, filterable: ["lamps", "kind"], defaultSort: { field: "lamps", order: "desc" } } };
    const published = await admin.rpc("publish_service", { p_service_id: id, p_definition: next, p_expected_row_version: row_version });
    expect(published.error).toBeNull();
    expect(await indexedFieldsOf(id)).toEqual({ kind: "idx_text_1", lamps: "idx_num_1" });
    const after = (await stored(record.id)) as unknown as Record<string, unknown>;
    expect(Number(after.idx_num_1)).toBe(4);
    expect(after.idx_text_1).toBe("door");
    expect(after.row_version).toBe(record.row_version); // filling a slot is not an edit
  });
});
