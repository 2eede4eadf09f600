// The `resident` field type's database side (issue 12, item 3): the answer (a person's id) is the
// record's link (records.resident_id, records_link_answer), allowed only for a person the writer
// reads through the registry's scope; the person's raw ID number and phone fill the mapped
// sensitive answers where the form sent nothing or the mask it was shown (the browser only holds
// masks); a value staff typed stays; a correction written back with update_resident_from_record
// goes through the registry's update path and is an event sourced 'record' with the record's id;
// and a definition holds one resident field, in the browser as in the database.
import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { idNumberCheckChar } from "@/field-types/id_number/gb11643";
import { fieldTypes } from "@/field-types";
import { parseServiceDefinition } from "@/services/schema";
import { TestWorld, type TestPerson, units } from "../support/access-fixtures";
import { as, createRecord, detailsOf, run, sql, unitId, UNITS } from "../support/engine-fixtures";

const world = new TestWorld();
afterAll(() => world.cleanup());

const serviceKey = `resident_field_${run}`;

/** A valid 18-character ID number of 吉首市, born 1930–1959. */
function uniqueIdNumber(): string {
  const born = `19${randomInt(30, 60)}${String(randomInt(1, 13)).padStart(2, "0")}${String(randomInt(1, 29)).padStart(2, "0")}`;
  const first17 = `433101${born}${String(randomInt(0, 1000)).padStart(3, "0")}`;
  return first17 + idNumberCheckChar(first17);
}

/** A small service with a resident field and the applicant fields it pre-fills. */
function definition(key: string, extraFields: Record<string, unknown>[] = []) {
  return {
    key,
    name: "居民字段测试",
    category: "测试",
    icon: "UserOutlined",
    description: "居民字段关联与预填。",
    purpose: "测试居民字段。",
    fields: [
      { key: "applicant", label: "申请人", type: "resident" },
      { key: "person_name", label: "姓名", type: "text", required: true, prefillFrom: "name" },
      { key: "person_id", label: "身份证号", type: "id_number", required: true, sensitive: true, purpose: "核实身份", prefillFrom: "id_number" },
      { key: "person_phone", label: "联系电话", type: "phone", sensitive: true, purpose: "联系申请人", prefillFrom: "phone" },
      { key: "unit", label: "受理网格", type: "org_unit", required: true, recordUnit: true },
      ...extraFields,
    ],
    list: { columns: ["person_name", "status"] },
    workflow: {
      initial: "open",
      states: [
        { key: "open", label: "待处理", color: "blue" },
        { key: "done", label: "已办结", color: "success", terminal: true },
      ],
      transitions: [{ key: "finish", label: "办结", from: ["open"], to: "done", roles: ["community_admin"] }],
    },
    permissions: {
      community_admin: ["read", "create", "update", "view_sensitive"],
      grid_worker: ["read", "create"],
      leader: ["read"],
    },
  };
}

async function publish(def: ReturnType<typeof definition>) {
  const admin = await as("admin");
  const created = await admin.rpc("create_service", { p_definition: def, p_owner_org_unit_id: await unitId(UNITS.guniuping) });
  if (created.error) return created;
  return admin.rpc("publish_service", { p_service_id: (created.data as { id: string }).id, p_definition: null, p_expected_row_version: 1 });
}

type Person = { id: string; id_number: string; phone: string; row_version: number; raw_id: string; raw_phone: string };

async function personNamed(name: string): Promise<Person> {
  const [row] = await sql<Person>(
    `select r.id, r.id_number, r.phone, r.row_version, v.id_number as raw_id, v.phone as raw_phone
       from public.residents r join private.resident_sensitive_values v on v.resident_id = r.id where r.name = $1
      order by r.created_at limit 1`, // the seed's hand-registered person before any record's namesake
    [name],
  );
  return row;
}

const rawAnswers = async (recordId: string) =>
  (
    await sql<{ resident_id: string | null; answers: Record<string, unknown> }>(
      "select resident_id, data || private.sensitive_answers_of(id) as answers from public.records where id = $1",
      [recordId],
    )
  )[0];

let grid1: string;
beforeAll(async () => {
  expect((await publish(definition(serviceKey))).error).toBeNull();
  grid1 = await unitId(UNITS.guniupingGrid1);
});

describe("the answer links the record to the person", () => {
  it("allowed: the link is set from the answer, and the person's raw ID number and phone fill the masked or empty answers", async () => {
    // 向德福 lives in 牯牛坪社区's first grid (40_demo_residents.sql)
    const person = await personNamed("向德福");
    const admin = await as("admin");
    const { data, error } = await createRecord(admin, serviceKey, UNITS.guniupingGrid1, {
      applicant: person.id,
      person_id: person.id_number, // the mask the form was shown
      unit: grid1,
    });
    expect(error).toBeNull();
    const stored = await rawAnswers(data!.id);
    expect(stored.resident_id).toBe(person.id);
    expect(stored.answers).toMatchObject({ applicant: person.id, person_name: "向德福", person_id: person.raw_id, person_phone: person.raw_phone });
    // the API still shows the masks
    expect(data!.data.person_id).toBe(person.id_number);
  });

  it("a value the staff typed stays as typed (a corrected phone)", async () => {
    const person = await personNamed("向德福");
    const admin = await as("admin");
    const { data, error } = await createRecord(admin, serviceKey, UNITS.guniupingGrid1, {
      applicant: person.id,
      person_name: "向德福",
      person_id: person.id_number,
      person_phone: "13912345678",
      unit: grid1,
    });
    expect(error).toBeNull();
    expect((await rawAnswers(data!.id)).answers).toMatchObject({ person_id: person.raw_id, person_phone: "13912345678" });
  });

  it("refused: a grid worker cannot name a person of another grid, nor an id that names nobody; nothing is written", async () => {
    const other = await personNamed("龙建国"); // second grid
    const grid = await as("grid");
    for (const resident of [other.id, "00000000-0000-4000-8000-000000000000"]) {
      const { data, error } = await createRecord(grid, serviceKey, UNITS.guniupingGrid1, {
        applicant: resident,
        person_name: "龙建国",
        person_id: other.id_number,
        unit: grid1,
      });
      expect(data).toBeNull();
      expect(error).toMatchObject({ code: "PT403", message: "resident_link_forbidden" });
      expect(error!.hint).toContain("不能关联此居民");
      expect(error!.hint).toContain("cannot be linked");
    }
    // the same worker links a person of their own grid
    const own = await personNamed("向德福");
    const allowed = await createRecord(grid, serviceKey, UNITS.guniupingGrid1, { applicant: own.id, person_id: own.id_number, unit: grid1 });
    expect(allowed.error).toBeNull();
    expect((await rawAnswers(allowed.data!.id)).resident_id).toBe(own.id);
  });

  it("refused: an answer that is no id fails validation (type)", async () => {
    const admin = await as("admin");
    const { error } = await createRecord(admin, serviceKey, UNITS.guniupingGrid1, {
      applicant: "向德福",
      person_name: "向德福",
      person_id: (await personNamed("向德福")).raw_id,
      unit: grid1,
    });
    expect(error).toMatchObject({ message: "record_invalid" });
    expect(JSON.stringify(detailsOf(error))).toContain("applicant");
  });
});

describe("write-back to the registry from a record (update_resident_from_record)", () => {
  let recordId: string;
  let person: Person;
  let wanxiStaff: TestPerson;

  beforeAll(async () => {
    // a person of this test's own, so the demo residents other tests read keep their phones
    const admin = await as("admin");
    const registered = await admin
      .from("residents")
      .insert({ name: `麻文${run}`, id_number: uniqueIdNumber(), phone: "13807439999", grid_org_unit_id: grid1 } as never)
      .select("id")
      .single();
    expect(registered.error).toBeNull();
    person = await personNamed(`麻文${run}`);
    const { data, error } = await createRecord(admin, serviceKey, UNITS.guniupingGrid1, {
      applicant: person.id,
      person_id: person.id_number,
      person_phone: "13912340000",
      unit: grid1,
    });
    expect(error).toBeNull();
    recordId = data!.id;
    wanxiStaff = await world.person("wanxi-staff", { role: "staff", unitCode: units.wanxi });
  });

  it("refused: a stale version, an attribute a record may not write, a reader who may not write the person, a record not theirs", async () => {
    const admin = await as("admin");
    const stale = await admin.rpc("update_resident_from_record", {
      p_record_id: recordId,
      p_row_version: person.row_version,
      p_changes: { phone: "13912340000" },
    });
    expect(stale.error).toMatchObject({ message: "stale_registry_row" });
    const idNumber = await admin.rpc("update_resident_from_record", {
      p_record_id: recordId,
      p_row_version: person.row_version + 1,
      p_changes: { id_number: person.raw_id },
    });
    expect(idNumber.error).toMatchObject({ code: "PT400", message: "resident_field_not_writable" });
    expect(idNumber.error!.hint).toContain("只能从记录更新");
    const leader = await as("leader");
    const read = await leader.from("records").select("id").eq("id", recordId);
    expect(read.data).toHaveLength(1);
    const byLeader = await leader.rpc("update_resident_from_record", {
      p_record_id: recordId,
      p_row_version: person.row_version + 1,
      p_changes: { phone: "13912340000" },
    });
    expect(byLeader.error).toMatchObject({ code: "PT403", message: "registry_write_forbidden" });
    const outsider = await wanxiStaff.client.rpc("update_resident_from_record", {
      p_record_id: recordId,
      p_row_version: person.row_version + 1,
      p_changes: { phone: "13912340000" },
    });
    expect(outsider.error).toMatchObject({ code: "PT404", message: "record_not_found" });
    expect((await personNamed(`麻文${run}`)).raw_phone).toBe("13807439999");
  });

  it("allowed: the corrected phone reaches the registry with row_version read + 1, as an event sourced 'record' naming the record", async () => {
    const admin = await as("admin");
    const { data, error } = await admin.rpc("update_resident_from_record", {
      p_record_id: recordId,
      p_row_version: person.row_version + 1,
      p_changes: { phone: "13912340000" },
    });
    expect(error).toBeNull();
    expect(data).toEqual({ resident_id: person.id, row_version: person.row_version + 1 });
    const after = await personNamed(`麻文${run}`);
    expect(after.raw_phone).toBe("13912340000");
    expect(after.phone).toBe("139****0000");
    const events = await sql<{ source: string; source_ref: string; diff: Record<string, unknown> }>(
      "select source, source_ref, diff from public.resident_events where resident_id = $1 order by created_at desc limit 1",
      [person.id],
    );
    expect(events[0]).toMatchObject({ source: "record", source_ref: recordId });
    expect(events[0].diff).toHaveProperty("phone");
  });
});

describe("one resident field per definition", () => {
  it("refused by the database and the browser alike", async () => {
    const def = definition(`${serviceKey}_two`, [{ key: "spouse", label: "配偶", type: "resident" }]);
    const { error } = await publish(def);
    expect(error).toMatchObject({ code: "PT400", message: "definition_invalid" });
    const problems = detailsOf(error) as { path: string; code: string; message_zh: string }[];
    expect(problems.map((p) => `${p.path} ${p.code}`)).toEqual(["fields resident_field_once"]);
    const browser = parseServiceDefinition(def, fieldTypes);
    expect(browser.ok ? [] : browser.errors.map((e) => `${e.path} ${e.code} ${e.message_zh}`)).toEqual([
      `fields resident_field_once ${problems[0].message_zh}`,
    ]);
  });
});
