// Writing records through the API as the demo users: the database fixes the system columns,
// refuses direct UPDATE/DELETE with a clear error, and every change goes through an RPC that
// checks row_version and writes the history, which nobody can change.
import { describe, expect, it } from "vitest";
import {
  anon,
  as,
  createRecord,
  elderlyCardData,
  gridEventData,
  mustCreate,
  mustTransition,
  serviceId,
  serviceRole,
  sql,
  stored,
  UNITS,
  unitId,
} from "../support/engine-fixtures";

const userId = async (email: string) => (await sql<{ id: string }>("select id from auth.users where email = $1", [email]))[0].id;

describe("creating a record", () => {
  it("takes status, version, row_version, author and due date from the database, not the client", async () => {
    const staff = await as("staff");
    const before = Date.now();
    const { data: row, error } = await createRecord(staff, "grid_event", UNITS.guniupingGrid1, await gridEventData(), {
      status: "closed",
      service_version: 99,
      row_version: 42,
      created_by: await userId("leader@demo.local"),
      due_at: "2000-01-01T00:00:00Z",
      deleted_at: "2000-01-01T00:00:00Z",
    });
    expect(error).toBeNull();
    expect(row).toMatchObject({ status: "reported", service_version: 1, row_version: 1, created_by: await userId("staff@demo.local"), deleted_at: null });
    // grid_event's initial state "reported" allows 2/24/72 hours by urgency; this event is yellow
    const due = new Date(row!.due_at!).getTime();
    expect(due - before).toBeGreaterThan(23.9 * 3600_000);
    expect(due - before).toBeLessThan(24.1 * 3600_000);
  });

  it("writes a `created` event", async () => {
    const staff = await as("staff");
    const row = await mustCreate(staff, "grid_event", UNITS.guniupingGrid1, await gridEventData());
    const { data: events, error } = await staff.from("record_events").select("kind, to_status, actor").eq("record_id", row.id);
    expect(error).toBeNull();
    expect(events).toEqual([{ kind: "created", to_status: "reported", actor: await userId("staff@demo.local") }]);
  });

  it("is refused where the role may not create, allowed where it may", async () => {
    const leader = await as("leader"); // leader: read and export only
    const refused = await createRecord(leader, "grid_event", UNITS.guniupingGrid1, await gridEventData());
    expect(refused.error?.code).toBe("42501");
    const grid = await as("grid"); // grid worker: create in their own grid …
    expect((await createRecord(grid, "grid_event", UNITS.guniupingGrid1, await gridEventData())).error).toBeNull();
    // … but not in the sibling grid
    expect((await createRecord(grid, "grid_event", UNITS.guniupingGrid2, await gridEventData(UNITS.guniupingGrid2))).error?.code).toBe("42501");
  });
});

describe("direct writes", () => {
  it("a PATCH of status gets an error, not a silent 0-row success, and changes nothing", async () => {
    const staff = await as("staff");
    const row = await mustCreate(staff, "grid_event", UNITS.guniupingGrid1, await gridEventData());
    const { data, error } = await staff.from("records").update({ status: "closed" }).eq("id", row.id).select();
    expect(data).toBeNull();
    expect(error).toMatchObject({ code: "42501", message: "records_update_via_rpc" });
    expect(error!.hint).toContain("记录只能通过办理操作修改");
    expect((await stored(row.id)).status).toBe("reported");
    // positive control: the same change through the workflow RPC
    const moved = await mustTransition(staff, row, "accept");
    expect(moved.status).toBe("grid_handling");
  });

  it("a PATCH of data or a DELETE gets an error too, even with the service role", async () => {
    const staff = await as("staff");
    const row = await mustCreate(staff, "grid_event", UNITS.guniupingGrid1, await gridEventData());
    const patch = await staff
      .from("records")
      .update({ data: { ...row.data, title: "改" } })
      .eq("id", row.id);
    expect(patch.error?.message).toBe("records_update_via_rpc");
    const remove = await staff.from("records").delete().eq("id", row.id);
    expect(remove.error?.message).toBe("records_delete_via_rpc");
    const byService = await serviceRole.from("records").update({ status: "closed" }).eq("id", row.id);
    expect(byService.error?.message).toBe("records_update_via_rpc");
    expect(await stored(row.id)).toMatchObject({ status: "reported", row_version: 1, deleted_at: null });
  });
});

describe("update_record", () => {
  it("replaces the answers, bumps row_version and logs a field diff", async () => {
    const staff = await as("staff");
    const row = await mustCreate(staff, "grid_event", UNITS.guniupingGrid1, await gridEventData());
    const { data: updated, error } = await staff.rpc("update_record", {
      p_id: row.id,
      p_row_version: 1,
      p_data: { ...row.data, urgency: "red", reporter_name: "吴秀兰" },
    });
    expect(error).toBeNull();
    expect(updated).toMatchObject({ row_version: 2, data: { urgency: "red", reporter_name: "吴秀兰" } });
    const { data: events } = await staff.from("record_events").select("kind, diff").eq("record_id", row.id).eq("kind", "updated");
    expect(events).toEqual([{ kind: "updated", diff: { urgency: ["yellow", "red"], reporter_name: [null, "吴秀兰"] } }]);
  });

  it("refuses a stale row_version with PT409 and leaves the record as the other writer left it", async () => {
    const staff = await as("staff");
    const row = await mustCreate(staff, "grid_event", UNITS.guniupingGrid1, await gridEventData());
    const first = await staff.rpc("update_record", { p_id: row.id, p_row_version: 1, p_data: { ...row.data, urgency: "red" } });
    expect(first.error).toBeNull();
    const second = await staff.rpc("update_record", { p_id: row.id, p_row_version: 1, p_data: { ...row.data, urgency: "blue" } });
    expect(second.error).toMatchObject({ code: "PT409", message: "stale_record" });
    expect(JSON.parse(second.error!.details)).toEqual({ row_version: 2 });
    expect(await stored(row.id)).toMatchObject({ row_version: 2, data: { urgency: "red" } });
  });

  it("validates the new answers and refuses roles without `update`", async () => {
    const staff = await as("staff");
    const row = await mustCreate(staff, "grid_event", UNITS.guniupingGrid1, await gridEventData());
    const invalid = await staff.rpc("update_record", { p_id: row.id, p_row_version: 1, p_data: { ...row.data, title: "" } });
    expect(invalid.error).toMatchObject({ code: "PT400", message: "record_invalid" });
    expect(JSON.parse(invalid.error!.details)).toEqual([{ field: "title", code: "required", params: {} }]);
    const leader = await as("leader"); // reads 牯牛坪's records, may not edit them
    const forbidden = await leader.rpc("update_record", { p_id: row.id, p_row_version: 1, p_data: row.data });
    expect(forbidden.error).toMatchObject({ code: "PT403", message: "update_forbidden" });
    expect((await stored(row.id)).row_version).toBe(1);
  });
});

describe("comment_record, assign_record and delete_record", () => {
  it("comments go to the history without changing the record", async () => {
    const grid = await as("grid");
    const row = await mustCreate(grid, "grid_event", UNITS.guniupingGrid1, await gridEventData());
    const empty = await grid.rpc("comment_record", { p_id: row.id, p_comment: "   " });
    expect(empty.error?.message).toBe("comment_required");
    const { data: event, error } = await grid.rpc("comment_record", { p_id: row.id, p_comment: "已电话联系上报人" });
    expect(error).toBeNull();
    expect(event).toMatchObject({ kind: "comment", comment: "已电话联系上报人", record_id: row.id });
    expect((await stored(row.id)).row_version).toBe(1);
  });

  it("assigns only people working on the record's branch of the tree", async () => {
    const staff = await as("staff");
    const row = await mustCreate(staff, "grid_event", UNITS.guniupingGrid1, await gridEventData());
    const outsider = await staff.rpc("assign_record", { p_id: row.id, p_row_version: 1, p_assignee: await userId("leader@demo.local") });
    expect(outsider.error).toBeNull(); // 吉首市 is above 牯牛坪: the leader works on this branch
    const gridWorker = await userId("grid@demo.local");
    const { data, error } = await staff.rpc("assign_record", { p_id: row.id, p_row_version: 2, p_assignee: gridWorker });
    expect(error).toBeNull();
    expect(data).toMatchObject({ assignee: gridWorker, row_version: 3 });
    const random = await staff.rpc("assign_record", { p_id: row.id, p_row_version: 3, p_assignee: "00000000-0000-4000-8000-000000000000" });
    expect(random.error?.message).toBe("assignee_out_of_scope");
    // the same rule when the assignee comes with the new record
    const atInsert = await createRecord(staff, "grid_event", UNITS.guniupingGrid1, await gridEventData(), { assignee: "00000000-0000-4000-8000-000000000000" });
    expect(atInsert.error?.message).toBe("assignee_out_of_scope");
    expect((await createRecord(staff, "grid_event", UNITS.guniupingGrid1, await gridEventData(), { assignee: gridWorker })).error).toBeNull();
  });

  it("soft-deletes for roles granted `delete`, keeps the history, and refuses the others", async () => {
    const staff = await as("staff"); // elderly_benefit: staff may not delete, the community admin may
    const row = await mustCreate(staff, "elderly_benefit", UNITS.guniupingGrid1, await elderlyCardData());
    const byStaff = await staff.rpc("delete_record", { p_id: row.id, p_row_version: 1, p_reason: "重复申请" });
    expect(byStaff.error).toMatchObject({ code: "PT403", message: "delete_forbidden" });
    const admin = await as("admin");
    const noReason = await admin.rpc("delete_record", { p_id: row.id, p_row_version: 1, p_reason: "" });
    expect(noReason.error?.message).toBe("reason_required");
    const { error } = await admin.rpc("delete_record", { p_id: row.id, p_row_version: 1, p_reason: "重复申请" });
    expect(error).toBeNull();
    const { data: visible } = await admin.from("records").select("id").eq("id", row.id);
    expect(visible).toEqual([]);
    const [history] = await sql<{ kinds: string[] }>("select array_agg(kind order by id) kinds from public.record_events where record_id = $1", [row.id]);
    expect(history.kinds).toEqual(["created", "deleted"]);
  });
});

describe("record_events", () => {
  it("cannot be written through the API, even with the service role (which can read them)", async () => {
    const staff = await as("staff");
    const row = await mustCreate(staff, "grid_event", UNITS.guniupingGrid1, await gridEventData());
    const read = await serviceRole.from("record_events").select("id, kind").eq("record_id", row.id);
    expect(read.data).toHaveLength(1);
    // No API role holds a write privilege on the history (the trigger below is the second lock).
    const update = await serviceRole.from("record_events").update({ comment: "篡改" }).eq("record_id", row.id);
    expect(update.error?.code).toBe("42501");
    const remove = await serviceRole.from("record_events").delete().eq("record_id", row.id);
    expect(remove.error?.code).toBe("42501");
    const forgedByService = await serviceRole
      .from("record_events")
      .insert({ record_id: row.id, service_id: row.service_id, org_unit_id: row.org_unit_id, kind: "comment" });
    expect(forgedByService.error?.code).toBe("42501");
    const forged = await staff.from("record_events").insert({ record_id: row.id, service_id: row.service_id, org_unit_id: row.org_unit_id, kind: "comment" });
    expect(forged.error?.code).toBe("42501");
    const after = await serviceRole.from("record_events").select("id, kind, comment").eq("record_id", row.id);
    expect(after.data).toEqual([{ ...read.data![0], comment: null }]);
  });

  it("cannot be changed even by the database owner in SQL", async () => {
    const [event] = await sql<{ id: number }>("select id from public.record_events limit 1");
    await expect(sql("update public.record_events set comment = 'x' where id = $1", [event.id])).rejects.toThrow(/record_events_immutable/);
    await expect(sql("delete from public.record_events where id = $1", [event.id])).rejects.toThrow(/record_events_immutable/);
    await expect(sql("truncate public.record_events cascade")).rejects.toThrow(/record_events_immutable/);
  });
});

describe("anon", () => {
  it("reads no service, record or event and calls no RPC", async () => {
    const nobody = anon();
    // anon holds no privilege at all: PostgREST answers 401 permission denied, not an empty list.
    for (const table of ["services", "service_versions", "records", "record_events"]) {
      const { data, error } = await nobody.from(table).select("*").limit(1);
      expect({ table, data, code: error?.code }).toEqual({ table, data: null, code: "42501" });
    }
    const insert = await nobody
      .from("records")
      .insert({ service_id: await serviceId("grid_event"), org_unit_id: await unitId(UNITS.guniupingGrid1), data: {} });
    expect(insert.error).not.toBeNull();
    const rpc = await nobody.rpc("transition_record", { p_id: "00000000-0000-4000-8000-000000000000", p_row_version: 1, p_transition: "accept" });
    expect(rpc.error?.code).toBe("42501");
  });
});
