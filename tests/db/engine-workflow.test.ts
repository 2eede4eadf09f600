// transition_record as the demo users: the workflow definition decides who may take which step,
// with what comment, fields and offline checks; escalation moves the record up the tree.
import { describe, expect, it } from "vitest";
import { as, elderlyCardData, gridEventData, mustCreate, mustTransition, sql, stored, transition, UNITS, unitId } from "../support/engine-fixtures";

const hours = (from: number, iso: string | null) => (new Date(iso!).getTime() - from) / 3600_000;

describe("transition_record", () => {
  it("refuses a role the transition does not list (PT403) and lets the listed role take it", async () => {
    const grid = await as("grid"); // elderly_benefit "accept": staff, community_admin
    const staff = await as("staff");
    const row = await mustCreate(staff, "elderly_benefit", UNITS.guniupingGrid1, await elderlyCardData());
    const refused = await transition(grid, row, "accept");
    expect(refused.error).toMatchObject({ code: "PT403", message: "transition_forbidden" });
    expect(JSON.parse(refused.error!.details)).toEqual({ code: "role_not_allowed", roles: ["staff", "community_admin"] });
    expect((await stored(row.id)).status).toBe("submitted");
    const before = Date.now();
    const accepted = await mustTransition(staff, row, "accept");
    expect(accepted).toMatchObject({ status: "accepted", row_version: 2 });
    // "accepted" allows 5 工作日: the end of the fifth working day after the transition (work calendar)
    const [{ exact }] = await sql<{ exact: boolean }>("select due_at = private.add_workdays(updated_at, 5) as exact from public.records where id = $1", [
      row.id,
    ]);
    expect(exact).toBe(true);
    // the row transition_record returns says the same as the one stored
    expect(new Date(accepted.due_at!).getTime()).toBe(new Date((await stored(row.id)).due_at!).getTime());
    expect(hours(before, accepted.due_at)).toBeGreaterThan(5 * 24);
  });

  it("refuses an incomplete checklist, naming the unticked items, and records the ticked one", async () => {
    const staff = await as("staff");
    const grid = await as("grid");
    const accepted = await mustTransition(staff, await mustCreate(staff, "elderly_benefit", UNITS.guniupingGrid1, await elderlyCardData()), "accept");
    const partial = await transition(grid, accepted, "verify_originals", { checklist: ["id_card", "hukou"] });
    expect(partial.error).toMatchObject({ code: "PT400", message: "checklist_incomplete" });
    expect(JSON.parse(partial.error!.details)).toEqual({ code: "checklist_incomplete", missing: ["other_documents"] });
    expect(partial.error!.hint).toContain("居住证明、银行卡等适用材料已核对");
    const verified = await mustTransition(grid, accepted, "verify_originals", {
      checklist: { id_card: true, hukou: true, other_documents: true },
    });
    expect(verified.status).toBe("verified");
    const [event] = await sql<{ checklist: { key: string; checked: boolean }[] }>(
      "select checklist from public.record_events where record_id = $1 and transition_key = 'verify_originals'",
      [accepted.id],
    );
    expect(event.checklist.map((c) => [c.key, c.checked])).toEqual([
      ["id_card", true],
      ["hukou", true],
      ["other_documents", true],
    ]);
  });

  it("refuses a missing comment where the transition requires one, and takes it with the comment", async () => {
    const staff = await as("staff");
    const row = await mustCreate(staff, "elderly_benefit", UNITS.guniupingGrid1, await elderlyCardData());
    for (const comment of [undefined, "  "]) {
      const refused = await transition(staff, row, "request_documents", { comment });
      expect(refused.error).toMatchObject({ code: "PT400", message: "comment_required" });
    }
    const returned = await mustTransition(staff, row, "request_documents", { comment: "请补充户口簿复印件" });
    expect(returned.status).toBe("returned");
    const { data: events } = await staff
      .from("record_events")
      .select("kind, from_status, to_status, transition_key, comment")
      .eq("record_id", row.id)
      .order("id");
    expect(events!.at(-1)).toEqual({
      kind: "transition",
      from_status: "submitted",
      to_status: "returned",
      transition_key: "request_documents",
      comment: "请补充户口簿复印件",
    });
  });

  it("refuses a transition that does not leave the current state or does not exist", async () => {
    const staff = await as("staff");
    const row = await mustCreate(staff, "elderly_benefit", UNITS.guniupingGrid1, await elderlyCardData());
    const notHere = await transition(staff, row, "hand_over");
    expect(notHere.error).toMatchObject({ code: "PT400", message: "transition_not_found" });
    expect(JSON.parse(notHere.error!.details)).toMatchObject({ code: "not_from_state", status: "submitted" });
    const unknown = await transition(staff, row, "teleport");
    expect(JSON.parse(unknown.error!.details)).toMatchObject({ code: "unknown_transition" });
  });

  it("refuses a stale row_version and leaves the record unchanged", async () => {
    const staff = await as("staff");
    const row = await mustCreate(staff, "grid_event", UNITS.guniupingGrid1, await gridEventData());
    await mustTransition(staff, row, "accept");
    const stale = await transition(staff, row, "mark_invalid", { comment: "重复" });
    expect(stale.error).toMatchObject({ code: "PT409", message: "stale_record" });
    expect(await stored(row.id)).toMatchObject({ status: "grid_handling", row_version: 2 });
  });

  it("requires the transition's fields, merges them into the data, validates them, and lets no other answer change", async () => {
    const grid = await as("grid");
    const handling = await mustTransition(grid, await mustCreate(grid, "grid_event", UNITS.guniupingGrid1, await gridEventData()), "accept");
    const missing = await transition(grid, handling, "resolve_in_grid");
    expect(missing.error).toMatchObject({ code: "PT400", message: "fields_required" });
    expect(JSON.parse(missing.error!.details)).toEqual({ code: "fields_required", missing: ["result"] });
    const other = await transition(grid, handling, "resolve_in_grid", { fields: { result: "已清理", urgency: "red" } });
    expect(other.error).toMatchObject({ message: "fields_not_allowed" });
    const tooLong = await transition(grid, handling, "resolve_in_grid", { fields: { result: "清".repeat(1001) } });
    expect(tooLong.error).toMatchObject({ message: "record_invalid" });
    // sending back unchanged answers with the required one is fine
    const resolved = await mustTransition(grid, handling, "resolve_in_grid", { fields: { ...handling.data, result: "已清理楼道杂物" } });
    expect(resolved).toMatchObject({ status: "resolved", data: { result: "已清理楼道杂物", urgency: "yellow" } });
    const [event] = await sql<{ diff: unknown }>("select diff from public.record_events where record_id = $1 and transition_key = 'resolve_in_grid'", [
      handling.id,
    ]);
    // resolve_in_grid's set: the acting grid worker as 处置人, L1 as 处置层级
    const me = (await grid.auth.getUser()).data.user!.id;
    expect(event.diff).toEqual({ result: [null, "已清理楼道杂物"], handler: [null, me], level: [null, "l1_grid"] });
  });

  it("sets no due date on a terminal state", async () => {
    const grid = await as("grid");
    const row = await mustCreate(grid, "grid_event", UNITS.guniupingGrid1, await gridEventData());
    const invalid = await mustTransition(grid, row, "mark_invalid", { comment: "重复上报" });
    expect(invalid).toMatchObject({ status: "invalid", due_at: null });
  });
});

describe("escalation", () => {
  it("moves the record to the parent unit: the grid worker keeps only reading it, the community keeps it, the street gets it next", async () => {
    const grid = await as("grid");
    const staff = await as("staff");
    const handling = await mustTransition(grid, await mustCreate(grid, "grid_event", UNITS.guniupingGrid1, await gridEventData()), "accept");
    const before = Date.now();
    const escalated = await mustTransition(grid, handling, "escalate_to_community", { comment: "涉及多个楼栋，需社区协调" });
    expect(escalated).toMatchObject({ status: "community_handling", org_unit_id: await unitId(UNITS.guniuping), data: { level: "l2_community" } });
    // 社区协调: 3 working days (work calendar) from the escalation, at the end of the third day
    const [{ exact }] = await sql<{ exact: boolean }>("select due_at = private.add_workdays(updated_at, 3) as exact from public.records where id = $1", [
      escalated.id,
    ]);
    expect(exact).toBe(true);
    expect(hours(before, escalated.due_at)).toBeGreaterThan(48);
    // out of the grid worker's scope now; they took part, so they still read it (never write: engine-participants)
    expect((await grid.from("records").select("id").eq("id", handling.id)).data).toEqual([{ id: handling.id }]);
    expect((await grid.rpc("comment_record", { p_id: handling.id, p_comment: "仍想评论" })).error?.code).toBe("PT404");
    const { data: seen } = await staff.from("records").select("id, status").eq("id", handling.id);
    expect(seen).toEqual([{ id: handling.id, status: "community_handling" }]);

    const needsFields = await transition(staff, escalated, "escalate_to_street", { comment: "吹哨" });
    expect(JSON.parse(needsFields.error!.details)).toEqual({ code: "fields_required", missing: ["departments"] });
    const street = await mustTransition(staff, escalated, "escalate_to_street", {
      comment: "需城管、住建部门联合处置",
      fields: { departments: "城管、住建" },
    });
    expect(street.org_unit_id).toBe(await unitId(UNITS.jifengStreet));
    // 处置层级 from the escalation target's level
    expect(street.data).toMatchObject({ level: "l3_street", departments: "城管、住建" });
    const [event] = await sql<{ diff: Record<string, unknown>; org_unit_id: string }>(
      "select diff, org_unit_id from public.record_events where record_id = $1 and transition_key = 'escalate_to_street'",
      [handling.id],
    );
    expect(event.diff.org_unit_id).toEqual([await unitId(UNITS.guniuping), await unitId(UNITS.jifengStreet)]);
    expect(event.org_unit_id).toBe(await unitId(UNITS.jifengStreet));
  });
});
