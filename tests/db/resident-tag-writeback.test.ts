// Issue 12, item 4, through PostgREST as the demo's users: a transition's `tags` write the outcome
// to the person the record is linked to, in the transaction of transition_record — `set` adds a
// tag from today (China time) with source record + the record's id, and the registry's trigger
// writes the event (source record, the actor); a person already holding it is left alone; `end`
// closes the current period today. A refused transition writes nothing. The engine writes the tag
// even where the actor's registry writing scope does not reach the person (the permitted transition
// is the authority). At save/publish the database refuses a derived age tag, an unknown kind and
// tags without a resident field, as the browser does.
import { randomInt } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { idNumberCheckChar } from "@/field-types/id_number/gb11643";
import { fieldTypes } from "@/field-types";
import { parseServiceDefinition } from "@/services/schema";
import { as, createRecord, detailsOf, elderlyCardData, mustTransition, run, sql, stored, transition, unitId, UNITS } from "../support/engine-fixtures";

type Person = { id: string; idNumber: string };
type TagRow = { id: string; tag_key: string; valid_from: string; valid_to: string | null; source: string; source_record_id: string | null; note: string };
type EventRow = { kind: string; source: string; source_ref: string | null; actor: string | null; diff: Record<string, unknown> };

/** Registers a person aged `years` in a grid of 牯牛坪社区 (as SQL: trusted, no scope check). */
async function register(name: string, years: number, gridCode: string = UNITS.guniupingGrid1): Promise<Person> {
  const [{ born }] = await sql<{ born: string }>("select to_char((private.local_today() - make_interval(years => $1::int))::date, 'YYYYMMDD') as born", [
    years,
  ]);
  const first17 = `433101${born}${String(randomInt(0, 1000)).padStart(3, "0")}`;
  const idNumber = first17 + idNumberCheckChar(first17);
  const [{ id }] = await sql<{ id: string }>(
    `insert into public.residents (name, id_number, address, grid_org_unit_id, is_synthetic)
     values ($1, $2, '吉首市吉凤街道牯牛坪社区 9组 2号', $3, true) returning id`,
    [name, idNumber, await unitId(gridCode)],
  );
  return { id, idNumber };
}

const tagsOf = (person: Person, key: string) =>
  sql<TagRow>(
    `select id, tag_key, valid_from::text, valid_to::text, source, source_record_id, note from public.resident_tags
      where resident_id = $1 and tag_key = $2 order by valid_from, created_at`,
    [person.id, key],
  );
const eventsOf = (tagId: string) =>
  sql<EventRow>("select kind, source, source_ref, actor, diff from public.resident_events where tag_id = $1 order by id", [tagId]);
const userId = async (who: string) => (await sql<{ id: string }>("select id from auth.users where email = $1", [`${who}@demo.local`]))[0].id;
const today = async () => (await sql<{ d: string }>("select private.local_today()::text as d"))[0].d;

/** Moves a record to `status` past the workflow (the card was made: the steps before are not this test's). */
async function putInState(recordId: string, status: string) {
  await sql(`begin; select set_config('app.record_write', 'rpc', true); update public.records set status = '${status}' where id = '${recordId}'; commit;`);
  return stored(recordId);
}

/** A 老年优待证 application of `person` filed by staff, linked through the resident field, waiting for hand-over. */
async function readyCard(person: Person) {
  const staff = await as("staff");
  const data = { ...(await elderlyCardData()), applicant: person.id, applicant_id_number: person.idNumber };
  const { data: row, error } = await createRecord(staff, "elderly_benefit", UNITS.guniupingGrid1, data);
  expect(error).toBeNull();
  expect((await stored(row!.id)).status).toBe("submitted");
  const [{ resident_id }] = await sql<{ resident_id: string }>("select resident_id from public.records where id = $1", [row!.id]);
  expect(resident_id).toBe(person.id);
  return putInState(row!.id, "ready");
}

const handOver = { checklist: ["receiver_identity", "signed"] };

describe("老年优待证: handing over the card sets 老年优待证持证 on the person", () => {
  it("staff take 发放领取: the tag from today, source the record, and an event naming the record and the actor", async () => {
    const person = await register("写回发证", 70);
    const record = await readyCard(person);
    const staff = await as("staff");
    const issued = await mustTransition(staff, record, "hand_over", handOver);
    expect(issued.status).toBe("issued");
    const tags = await tagsOf(person, "elderly_card_holder");
    expect(tags).toEqual([
      expect.objectContaining({ valid_from: await today(), valid_to: null, source: "record", source_record_id: record.id, note: "领取老年人优待证" }),
    ]);
    expect(await eventsOf(tags[0].id)).toEqual([
      expect.objectContaining({ kind: "tag_added", source: "record", source_ref: record.id, actor: await userId("staff") }),
    ]);
    // staff read the tag through the API as any registry reader does
    const { data } = await staff.from("resident_tags").select("tag_key,source,source_record_id").eq("resident_id", person.id);
    expect(data).toEqual([{ tag_key: "elderly_card_holder", source: "record", source_record_id: record.id }]);
  });

  it("refused transitions write no tag: a role the transition does not name (leader), a state it does not leave", async () => {
    const person = await register("写回拒绝", 72);
    const record = await readyCard(person);
    const refusedRole = await transition(await as("leader"), record, "hand_over", handOver);
    expect(refusedRole.error).not.toBeNull();
    const early = await putInState(record.id, "approved");
    const refusedState = await transition(await as("staff"), early, "hand_over", handOver);
    expect(refusedState.error).toMatchObject({ code: "PT400", message: "transition_not_found" });
    expect(await tagsOf(person, "elderly_card_holder")).toEqual([]);
    // the allowed case on the same record, so the refusals above are not a broken set-up
    const ready = await putInState(record.id, "ready");
    await mustTransition(await as("staff"), ready, "hand_over", handOver);
    expect(await tagsOf(person, "elderly_card_holder")).toHaveLength(1);
  });

  it("a grid worker hands over the card of a person of the next grid, outside their registry writing scope: the engine writes the tag", async () => {
    const grid = await as("grid");
    const person = await register("写回邻网格", 75, UNITS.guniupingGrid2);
    // the grid worker may not tag this person directly …
    const direct = await grid.from("resident_tags").insert({ resident_id: person.id, tag_key: "volunteer" });
    expect(direct.error).not.toBeNull();
    // … but the record at their grid (filed by staff, who write both grids) reaches its hand-over
    const record = await readyCard(person);
    await mustTransition(grid, record, "hand_over", handOver);
    const tags = await tagsOf(person, "elderly_card_holder");
    expect(tags).toEqual([expect.objectContaining({ source: "record", source_record_id: record.id })]);
    expect(await eventsOf(tags[0].id)).toEqual([expect.objectContaining({ source: "record", actor: await userId("grid") })]);
  });
});

const serviceKey = `tag_writeback_${run}`;

/** A small service with a resident field whose transitions grant, re-confirm and stop 低保. */
function definition(key: string, options: { tags?: unknown[]; withResident?: boolean } = {}) {
  const tags = options.tags ?? [{ tag: "dibao", action: "set" }];
  return {
    key,
    name: "写回测试",
    category: "测试",
    icon: "UserOutlined",
    description: "流转写入居民标签。",
    purpose: "测试写回。",
    fields: [
      ...(options.withResident === false ? [] : [{ key: "applicant", label: "申请人", type: "resident" }]),
      { key: "person_name", label: "姓名", type: "text", required: true, prefillFrom: "name" },
      { key: "unit", label: "受理网格", type: "org_unit", required: true, recordUnit: true },
    ],
    list: { columns: ["person_name", "status"] },
    workflow: {
      initial: "open",
      states: [
        { key: "open", label: "待审批", color: "blue" },
        { key: "granted", label: "享受中", color: "success" },
        { key: "stopped", label: "已停止", color: "default", terminal: true },
      ],
      transitions: [
        { key: "grant", label: "批准", from: ["open"], to: "granted", roles: ["community_admin"], tags },
        { key: "review", label: "年度复核", from: ["granted"], to: "granted", roles: ["community_admin"], tags: [{ tag: "dibao", action: "set" }] },
        { key: "stop", label: "停发", from: ["granted"], to: "stopped", roles: ["community_admin"], tags: [{ tag: "dibao", action: "end" }] },
      ],
    },
    permissions: { community_admin: ["read", "create", "update"], grid_worker: ["read"] },
  };
}

async function publish(def: unknown) {
  const admin = await as("admin");
  const created = await admin.rpc("create_service", { p_definition: def, p_owner_org_unit_id: await unitId(UNITS.guniuping) });
  if (created.error) return created;
  return admin.rpc("publish_service", { p_service_id: (created.data as { id: string }).id, p_definition: null, p_expected_row_version: 1 });
}

describe("set, set again, end", () => {
  beforeAll(async () => {
    expect((await publish(definition(serviceKey))).error).toBeNull();
  });

  it("a repeated set adds nothing; end closes the period today; a record linked to nobody writes nothing", async () => {
    const admin = await as("admin");
    const person = await register("写回低保", 50);
    const grid1 = await unitId(UNITS.guniupingGrid1);
    const { data: created, error } = await createRecord(admin, serviceKey, UNITS.guniupingGrid1, {
      applicant: person.id,
      person_name: "写回低保",
      unit: grid1,
    });
    expect(error).toBeNull();
    const granted = await mustTransition(admin, created!, "grant");
    const reviewed = await mustTransition(admin, granted, "review");
    const held = await tagsOf(person, "dibao");
    expect(held).toEqual([expect.objectContaining({ valid_to: null, source: "record", source_record_id: created!.id })]);

    await mustTransition(admin, reviewed, "stop");
    const ended = await tagsOf(person, "dibao");
    expect(ended).toEqual([expect.objectContaining({ id: held[0].id, valid_to: await today() })]);
    expect((await eventsOf(held[0].id)).map((e) => [e.kind, e.source, e.source_ref])).toEqual([
      ["tag_added", "record", created!.id],
      ["tag_changed", "record", created!.id],
    ]);

    // grid workers read but may not take 批准: refused, nothing written
    const other = await register("写回无权", 50);
    const { data: second } = await createRecord(admin, serviceKey, UNITS.guniupingGrid1, { applicant: other.id, person_name: "写回无权", unit: grid1 });
    expect((await transition(await as("grid"), second!, "grant")).error).toMatchObject({ message: "transition_forbidden" });
    expect(await tagsOf(other, "dibao")).toEqual([]);

    const { data: unlinked } = await createRecord(admin, serviceKey, UNITS.guniupingGrid1, { person_name: "无人", unit: grid1 });
    const [{ before }] = await sql<{ before: number }>("select count(*)::int as before from public.resident_tags where source_record_id = $1", [unlinked!.id]);
    await mustTransition(admin, unlinked!, "grant");
    expect(before).toBe(0);
    expect((await sql("select 1 from public.resident_tags where source_record_id = $1", [unlinked!.id])).length).toBe(0);
  });
});

describe("the definition check", () => {
  const refusal = async (def: unknown) => {
    const { error } = await publish(def);
    expect(error).toMatchObject({ code: "PT400", message: "definition_invalid" });
    return (detailsOf(error) as { path: string; code: string; message_zh: string }[]).map((p) => `${p.path} ${p.code}`);
  };

  it("refuses a derived age tag and an unknown kind, at their paths, as the browser does for the first", async () => {
    const def = definition(`${serviceKey}_age`, {
      tags: [
        { tag: "age_60_plus", action: "set" },
        { tag: "astronaut", action: "set" },
      ],
    });
    expect(await refusal(def)).toEqual(["workflow.transitions[0].tags[0].tag tag_derived", "workflow.transitions[0].tags[1].tag invalid_value"]);
    const browser = parseServiceDefinition(def, fieldTypes);
    // the browser does not know the kinds: it reports the derived tag only
    expect(browser.ok ? [] : browser.errors.map((e) => `${e.path} ${e.code}`)).toEqual(["workflow.transitions[0].tags[0].tag tag_derived"]);
  });

  it("refuses tags on a service without a resident field", async () => {
    const def = definition(`${serviceKey}_nores`, { withResident: false });
    const paths = ["workflow.transitions[0].tags", "workflow.transitions[1].tags", "workflow.transitions[2].tags"].map((p) => `${p} tags_need_resident_field`);
    expect(await refusal(def)).toEqual(paths);
    const browser = parseServiceDefinition(def, fieldTypes);
    expect(browser.ok ? [] : browser.errors.map((e) => `${e.path} ${e.code}`)).toEqual(paths);
  });

  it("accepts a valid definition (the allowed case)", async () => {
    const def = definition(`${serviceKey}_ok`);
    expect(parseServiceDefinition(def, fieldTypes).ok).toBe(true);
    expect((await publish(def)).error).toBeNull();
  });
});
