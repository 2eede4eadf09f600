// Participants keep sight (issue 9, item 5): whoever created a record, was assigned it or took
// a step on it reads it — its history and files too — after it leaves their scope, and never
// writes it (update, transition, comment, delete, direct PATCH all refused). Someone who never
// took part and is out of scope still sees nothing.
import { afterAll, describe, expect, it } from "vitest";
import { TestWorld } from "../support/access-fixtures";
import { as, gridEventData, mustCreate, mustTransition, sql, stored, transition, unitId, UNITS } from "../support/engine-fixtures";

async function escalatedByGridWorker() {
  const grid = await as("grid");
  const row = await mustCreate(grid, "grid_event", UNITS.guniupingGrid1, await gridEventData());
  const accepted = await mustTransition(grid, row, "accept");
  const escalated = await mustTransition(grid, accepted, "escalate_to_community", { comment: "需要社区协调 participants" });
  return { grid, row, escalated };
}

const world = new TestWorld();
afterAll(() => world.cleanup());

describe("participants keep sight", () => {
  it("lets the grid worker read the record they escalated, with its history, after it left their grid", async () => {
    const { grid, row, escalated } = await escalatedByGridWorker();
    const [{ code }] = await sql<{ code: string }>("select u.code from public.records r join public.org_units u on u.id = r.org_unit_id where r.id = $1", [
      row.id,
    ]);
    expect(code).toBe(UNITS.guniuping);
    const read = await grid.from("records").select("id, status, row_version").eq("id", row.id);
    expect(read.error).toBeNull();
    expect(read.data).toEqual([{ id: row.id, status: "community_handling", row_version: escalated.row_version }]);
    const events = await grid.from("record_events").select("kind, transition_key").eq("record_id", row.id).order("id");
    expect(events.data?.map((e) => e.transition_key ?? e.kind)).toEqual(["created", "accept", "escalate_to_community"]);
    const kinds = await grid.from("record_participants").select("kind").eq("record_id", row.id).order("kind");
    expect(kinds.data?.map((k) => k.kind)).toEqual(["actor", "creator"]);
  });

  it("lists it under 我经办的 (the list's embedded participants filter) and under 我发起的", async () => {
    const { grid, row } = await escalatedByGridWorker();
    const me = (await grid.auth.getUser()).data.user!.id;
    const handled = await grid
      .from("records")
      .select("id, record_participants!inner(kind)")
      .eq("record_participants.user_id", me)
      .in("record_participants.kind", ["assignee", "actor"])
      .eq("id", row.id);
    expect(handled.error).toBeNull();
    expect(handled.data?.map((r) => r.id)).toEqual([row.id]);
    const created = await grid.from("records").select("id").eq("created_by", me).eq("id", row.id);
    expect(created.data).toEqual([{ id: row.id }]);
    // staff never took part in it: not in their 我经办的, though they read it
    const staff = await as("staff");
    const staffId = (await staff.auth.getUser()).data.user!.id;
    const theirs = await staff
      .from("records")
      .select("id, record_participants!inner(kind)")
      .eq("record_participants.user_id", staffId)
      .in("record_participants.kind", ["assignee", "actor"])
      .eq("id", row.id);
    expect(theirs.data).toEqual([]);
  });

  it("refuses every write by the participant, and the community staff (in scope) may take the next step", async () => {
    const { grid, row, escalated } = await escalatedByGridWorker();
    const update = await grid.rpc("update_record", { p_id: row.id, p_row_version: escalated.row_version, p_data: { address: "改写 participants" } });
    expect(update.error).toMatchObject({ code: "PT404", message: "record_not_found" });
    const step = await transition(grid, escalated, "community_resolve", { fields: { result: "participants 不应写入" } });
    expect(step.error?.code).toBe("PT404");
    const comment = await grid.rpc("comment_record", { p_id: row.id, p_comment: "参与者不能评论" });
    expect(comment.error).toMatchObject({ code: "PT404", message: "record_not_found" });
    const removed = await grid.rpc("delete_record", { p_id: row.id, p_row_version: escalated.row_version, p_reason: "参与者不能删除" });
    expect(removed.error?.code).toBe("PT404");
    const patch = await grid.from("records").update({ assignee: null }).eq("id", row.id).select("id");
    expect(patch.data ?? []).toEqual([]);
    const [after] = await sql<{ row_version: number; status: string }>("select row_version, status from public.records where id = $1", [row.id]);
    expect(after).toEqual({ row_version: escalated.row_version, status: "community_handling" });
    // positive control: the same step by staff of the community, whose scope holds the record
    const staff = await as("staff");
    const resolved = await mustTransition(staff, escalated, "community_resolve", { fields: { result: "社区已协调处置 participants" } });
    expect(resolved.status).toBe("resolved");
    // and the grid worker sees the outcome, still read-only
    const read = await grid.from("records").select("status").eq("id", row.id).single();
    expect(read.data?.status).toBe("resolved");
  });

  it("gives nothing to someone who never took part in a record outside their scope", async () => {
    const grid = await as("grid");
    const staff = await as("staff");
    // created by staff, then held by the community (as after an escalation the grid worker took no part in):
    // above the grid worker's grid, and they never touched it
    const filed = await mustCreate(staff, "grid_event", UNITS.guniupingGrid1, await gridEventData(UNITS.guniupingGrid1));
    // (an import-mode write: the engine's RPCs are the only other way to move a record)
    const community = await unitId(UNITS.guniuping);
    await sql(
      `begin; select set_config('app.record_write', 'import', true);
       update public.records set org_unit_id = '${community}' where id = '${filed.id}'; commit;`,
    );
    const row = await stored(filed.id);
    const read = await grid.from("records").select("id").eq("id", row.id);
    expect(read.data).toEqual([]);
    const events = await grid.from("record_events").select("id").eq("record_id", row.id);
    expect(events.data).toEqual([]);
    // assigning the grid worker makes them a participant: now they read it
    const assigned = await staff.rpc("assign_record", { p_id: row.id, p_row_version: row.row_version, p_assignee: (await grid.auth.getUser()).data.user!.id });
    expect(assigned.error).toBeNull();
    const after = await grid.from("records").select("id").eq("id", row.id);
    expect(after.data).toEqual([{ id: row.id }]);
  });

  it("ends a participant's sight with their last active membership", async () => {
    const person = await world.person("participant", { role: "grid_worker", unitCode: UNITS.guniupingGrid1 });
    const row = await mustCreate(person.client, "grid_event", UNITS.guniupingGrid1, await gridEventData());
    const accepted = await mustTransition(person.client, row, "accept");
    await mustTransition(person.client, accepted, "escalate_to_community", { comment: "需要社区协调 participants" });
    expect((await person.client.from("records").select("id").eq("id", row.id)).data).toEqual([{ id: row.id }]);
    await sql("update public.memberships set status = 'suspended' where user_id = $1", [person.id]);
    expect((await person.client.from("records").select("id").eq("id", row.id)).data ?? []).toEqual([]);
    await sql("update public.memberships set status = 'active' where user_id = $1", [person.id]);
    expect((await person.client.from("records").select("id").eq("id", row.id)).data).toEqual([{ id: row.id }]);
  });
});
