// The workflow language's routing through transition_record as real users: guards (refused with
// the guard described, as the browser describes it), escalation to the nearest street and to a
// chosen unit, the fields a transition requires and sets, and staged fields refused before
// their stage. The service is tests/support/routing-definition.ts, published for this file.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SupabaseClient } from "@supabase/supabase-js";
import { fieldTypes } from "@/field-types";
import { parseServiceDefinition } from "@/services/schema";
import { guardFailure } from "@/services/workflow";
import { TestWorld, type TestPerson } from "../support/access-fixtures";
import { as, run, sql, stored, UNITS, unitId, type RecordRow } from "../support/engine-fixtures";
import { routingDefinition } from "../support/routing-definition";

const key = `routing_${run}`;
const world = new TestWorld();
let streetStaff: TestPerson;
let serviceId: string;

beforeAll(async () => {
  const admin = await as("admin");
  const created = await admin.rpc("create_service", { p_definition: routingDefinition(key), p_owner_org_unit_id: await unitId(UNITS.guniuping) });
  expect(created.error).toBeNull();
  serviceId = (created.data as { id: string }).id;
  const published = await admin.rpc("publish_service", { p_service_id: serviceId, p_definition: null, p_expected_row_version: 1 });
  expect(published.error).toBeNull();
  // the street's own staff: reads and acts on what the street receives
  streetStaff = await world.person("street-staff", { role: "staff", unitCode: UNITS.jifengStreet });
});
afterAll(() => world.cleanup());

async function create(client: SupabaseClient, data: Record<string, unknown>, unitCode: string = UNITS.guniupingGrid1) {
  const { data: row, error } = await client
    .from("records")
    .insert({ service_id: serviceId, org_unit_id: await unitId(unitCode), data })
    .select()
    .single();
  return { row: row as RecordRow | null, error };
}

async function mustCreate(client: SupabaseClient, data: Record<string, unknown>, unitCode?: string): Promise<RecordRow> {
  const { row, error } = await create(client, data, unitCode);
  expect(error).toBeNull();
  return row!;
}

type Args = { comment?: string; fields?: Record<string, unknown>; target?: string };
async function take(client: SupabaseClient, record: Pick<RecordRow, "id" | "row_version">, transition: string, args: Args = {}) {
  const { data, error } = await client.rpc("transition_record", {
    p_id: record.id,
    p_row_version: record.row_version,
    p_transition: transition,
    p_comment: args.comment ?? null,
    p_fields: args.fields ?? null,
    p_checklist: null,
    p_target_unit: args.target ?? null,
  });
  return { data: data as RecordRow | null, error };
}

const card = (age: number) => ({ title: `测试 ${run}`, kind: "card", age });
const allowance = (age: number) => ({ title: `测试 ${run}`, kind: "allowance", age });

describe("guarded transitions", () => {
  it("refuses a transition whose guard fails, with the guard in the words the browser uses, and takes it when it holds", async () => {
    const staff = await as("staff");
    const young = await mustCreate(staff, allowance(77));
    const refused = await take(staff, young, "start_allowance");
    expect(refused.error).toMatchObject({ code: "PT400", message: "transition_guard_failed" });
    const parsed = parseServiceDefinition(routingDefinition(key), fieldTypes);
    if (!parsed.ok) throw new Error("routing definition");
    const expected = guardFailure(parsed.definition, parsed.definition.workflow.transitions[0], allowance(77))!;
    expect(JSON.parse(refused.error!.details)).toMatchObject({
      code: "transition_guard_failed",
      message_zh: expected.message_zh,
      message_en: expected.message_en,
    });
    expect(refused.error!.hint).toBe(`${expected.message_zh} / ${expected.message_en}`);
    expect((await stored(young.id)).status).toBe("open");
    const cardHolder = await mustCreate(staff, card(85));
    expect((await take(staff, cardHolder, "start_allowance")).error).toMatchObject({ message: "transition_guard_failed" });

    const old = await mustCreate(staff, allowance(85));
    const taken = await take(staff, old, "start_allowance");
    expect(taken.error).toBeNull();
    expect(taken.data).toMatchObject({ status: "paying" });
  });
});

describe("routed escalation", () => {
  it("moves a grid's record straight to its street, sets the level, and leaves the community admin without the street's step", async () => {
    const grid = await as("grid");
    const row = await mustCreate(grid, card(70));
    const sent = await take(grid, row, "to_street", { comment: "需街道协调" });
    expect(sent.error).toBeNull();
    const now = await stored(row.id);
    expect(now.org_unit_id).toBe(await unitId(UNITS.jifengStreet));
    expect(now).toMatchObject({ status: "at_street", data: expect.objectContaining({ level: "l3_street" }) });
    const [event] = await sql<{ diff: Record<string, unknown[]> }>(
      "select diff from public.record_events where record_id = $1 and transition_key = 'to_street'",
      [row.id],
    );
    expect(event.diff.org_unit_id).toEqual([await unitId(UNITS.guniupingGrid1), await unitId(UNITS.jifengStreet)]);
    expect(event.diff.level).toEqual([null, "l3_street"]);

    // the community admin held whistle/resolve at the grid; at the street they hold nothing
    const admin = await as("admin");
    const refused = await take(admin, { id: row.id, row_version: now.row_version }, "resolve", { fields: { result: "社区代办" } });
    expect(refused.error).not.toBeNull();
    expect((await stored(row.id)).status).toBe("at_street");
    const resolved = await take(streetStaff.client, { id: row.id, row_version: now.row_version }, "resolve", { fields: { result: "街道已处理" } });
    expect(resolved.error).toBeNull();
    expect(resolved.data).toMatchObject({ status: "done" });
  });

  it("returns a record to the grid it was filed at, where the grid worker takes the on-site check and street staff cannot", async () => {
    const grid = await as("grid");
    const row = await mustCreate(grid, card(70));
    expect((await take(grid, row, "to_street")).error).toBeNull();
    const atStreet = await stored(row.id);
    // the grid worker holds no role at the street
    expect((await take(streetStaff.client, atStreet, "verify_on_site")).error).not.toBeNull();
    const returned = await take(streetStaff.client, atStreet, "return_to_grid");
    expect(returned.error).toBeNull();
    const back = await stored(row.id);
    expect(back).toMatchObject({ status: "back_at_grid", org_unit_id: await unitId(UNITS.guniupingGrid1) });
    const refused = await take(streetStaff.client, back, "verify_on_site");
    expect(refused.error).not.toBeNull();
    expect(back.data.checked_by).toBeUndefined(); // a staged default is not filled at intake
    const verified = await take(grid, back, "verify_on_site");
    expect(verified.error).toBeNull();
    expect(verified.data).toMatchObject({ status: "done" });
    const [gridUser] = await sql<{ id: string }>("select id from auth.users where email = 'grid@demo.local'");
    expect((await stored(row.id)).data.checked_by).toBe(gridUser.id); // … but by its transition
  });

  it("keeps escalate: true meaning the parent", async () => {
    const grid = await as("grid");
    const row = await mustCreate(grid, card(70));
    expect((await take(grid, row, "to_parent")).error).toBeNull();
    expect((await stored(row.id)).org_unit_id).toBe(await unitId(UNITS.guniuping));
  });

  it("sends to a chosen unit only among the allowed ones (吹哨报到)", async () => {
    const staff = await as("staff");
    const row = await mustCreate(staff, card(70));
    const none = await take(staff, row, "whistle");
    expect(none.error).toMatchObject({ code: "PT400", message: "escalation_target_required" });
    // an ancestor, but not of a listed level
    const community = await take(staff, row, "whistle", { target: await unitId(UNITS.guniuping) });
    expect(community.error).toMatchObject({ code: "PT400", message: "escalation_target_not_allowed" });
    // a unit that is neither an allowed ancestor nor named
    const otherStreet = await take(staff, row, "whistle", { target: await unitId("433101008") });
    expect(otherStreet.error).toMatchObject({ message: "escalation_target_not_allowed" });
    // a chosen unit given to a transition that does not choose
    const stray = await take(staff, row, "to_parent", { target: await unitId(UNITS.jifengStreet) });
    expect(stray.error).toMatchObject({ message: "escalation_target_not_allowed" });
    expect((await stored(row.id)).status).toBe("open");

    const named = await take(staff, row, "whistle", { target: await unitId("433101009002") });
    expect(named.error).toBeNull();
    const moved = await stored(row.id);
    expect(moved.org_unit_id).toBe(await unitId("433101009002"));
    // the map names no "community": the level stays unset
    expect(moved.data.level).toBeUndefined();

    const second = await mustCreate(staff, card(71));
    expect((await take(staff, second, "whistle", { target: await unitId("433101") })).error).toBeNull();
    expect(await stored(second.id)).toMatchObject({ org_unit_id: await unitId("433101"), data: expect.objectContaining({ level: "l4_county" }) });
  });
});

describe("transition fields", () => {
  it("refuses a missing required field and a field the transition does not own; sets its own values", async () => {
    const staff = await as("staff");
    const row = await mustCreate(staff, card(70));
    const missing = await take(staff, row, "resolve");
    expect(missing.error).toMatchObject({ code: "PT400", message: "fields_required" });
    expect(JSON.parse(missing.error!.details)).toMatchObject({ missing: ["result"] });
    const foreign = await take(staff, row, "resolve", { fields: { result: "已处理", level: "l3_street" } });
    expect(foreign.error).toMatchObject({ code: "PT400", message: "fields_not_allowed" });
    const invalid = await take(staff, row, "resolve", { fields: { result: "x".repeat(501) } });
    expect(invalid.error).toMatchObject({ code: "PT400", message: "record_invalid" });

    const done = await take(staff, row, "resolve", { fields: { result: "已处理" } });
    expect(done.error).toBeNull();
    const [staffId] = await sql<{ id: string }>("select id from auth.users where email = 'staff@demo.local'");
    const [today] = await sql<{ d: string }>("select private.local_today()::text as d");
    expect((await stored(row.id)).data).toMatchObject({ result: "已处理", handler: staffId.id, closed_on: today.d });
  });
});

describe("staged fields", () => {
  it("refuses a later stage's answer at intake, and takes it in its transition", async () => {
    const staff = await as("staff");
    const early = await create(staff, { ...card(70), result: "提前填写" });
    expect(early.error).toMatchObject({ code: "PT400", message: "stage_not_reached" });
    expect(early.error!.hint).toContain("处置结果");
    expect(JSON.parse(early.error!.details)).toEqual({ code: "stage_not_reached", fields: ["result"] });
    // an empty answer is no answer
    expect((await create(staff, { ...card(70), result: "" })).error).toBeNull();
  });

  it("lets an edit fill a staged field only once its stage was reached", async () => {
    const staff = await as("staff");
    const row = await mustCreate(staff, card(70));
    const early = await staff.rpc("update_record", { p_id: row.id, p_row_version: row.row_version, p_data: { ...card(70), level: "l2_community" } });
    expect(early.error).toMatchObject({ code: "PT400", message: "stage_not_reached" });
    const escalated = await take(staff, row, "to_street");
    expect(escalated.error).toBeNull();
    const current = await stored(row.id);
    const edited = await streetStaff.client.rpc("update_record", {
      p_id: row.id,
      p_row_version: current.row_version,
      p_data: { ...current.data, level: "l4_county" },
    });
    expect(edited.error).toBeNull();
    expect((await stored(row.id)).data.level).toBe("l4_county");
  });
});

/** publish_service's verdict on `broken`, as "path code" lines (a fresh draft each time). */
async function publishErrors(broken: ReturnType<typeof routingDefinition>): Promise<string[]> {
  const admin = await as("admin");
  const draft = await admin.rpc("create_service", { p_definition: routingDefinition(broken.key), p_owner_org_unit_id: await unitId(UNITS.guniuping) });
  expect(draft.error).toBeNull();
  const { error } = await admin.rpc("publish_service", { p_service_id: (draft.data as { id: string }).id, p_definition: broken, p_expected_row_version: 1 });
  expect(error).toMatchObject({ message: "definition_invalid" });
  return (JSON.parse(error!.details) as { path: string; code: string }[]).map((e) => `${e.path} ${e.code}`);
}

describe("definition check", () => {
  it("refuses, in the database as in the browser, a guard on a missing field, a stray stage and a required staged field", async () => {
    const broken = routingDefinition(`routing_${run}_bad`);
    broken.workflow.transitions[0].when = {
      all: [
        { field: "nope", op: "eq", value: "allowance" },
        { field: "age", op: "gte", value: 80 },
      ],
    };
    broken.fields[4].stage = ["teleport"];
    Object.assign(broken.fields[5], { required: true });
    Object.assign(broken.workflow.transitions[1], { requireFields: ["result"] });
    const browser = parseServiceDefinition(broken, fieldTypes);
    expect(browser.ok).toBe(false);
    const database = (await publishErrors(broken)).sort();
    expect(database).toEqual(
      [
        "fields[4].stage[0] unknown_transition_ref",
        "fields[5].required staged_field_required",
        "workflow.transitions[0].when unknown_field_ref",
        "workflow.transitions[1].requireFields[0] require_field_stage",
      ].sort(),
    );
    if (!browser.ok) expect(browser.errors.map((e) => `${e.path} ${e.code}`).sort()).toEqual(database);
  });

  it("refuses a bad escalation route and a level written without escalating", async () => {
    const broken = routingDefinition(`routing_${run}_bad2`);
    Object.assign(broken.workflow.transitions[1], { escalate: { to: "level", level: "department" } });
    Object.assign(broken.workflow.transitions[3], { escalate: { to: "choose" } });
    broken.workflow.transitions[4].set = [{ field: "level", from: "target_level" }];
    const database = await publishErrors(broken);
    expect(database).toEqual(
      expect.arrayContaining([
        "workflow.transitions[1].escalate.level invalid_value",
        "workflow.transitions[3].escalate escalation_choice_empty",
        "workflow.transitions[4].set[0].from target_level_without_escalation",
      ]),
    );
  });
});
