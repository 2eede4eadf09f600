// Issue 12, items 4 and 6, through PostgREST as the demo's staff: a condition on the answers
// (`when`) on a transition's tag write and on the actions of `duplicates`, with the gallery's
// 社会救助 (resources/services/social_assistance.json) published for 牯牛坪社区 as written.
// 街道审核确认 sets 低保 for a 低保 application and nothing for a 临时救助 one; a second open
// 低保 is refused (duplicate_application) while a second 临时救助 is only warned
// (find_duplicate_records) and filed. The definition check refuses a condition on a field that
// does not exist or is sensitive, as the browser does.
import { randomInt } from "node:crypto";
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { fieldTypes } from "@/field-types";
import { idNumberCheckChar } from "@/field-types/id_number/gb11643";
import { parseServiceDefinition } from "@/services/schema";
import { as, createRecord, detailsOf, mustTransition, run, serviceId, sql, stored, unitId, UNITS, type RecordRow } from "../support/engine-fixtures";

type Person = { id: string; idNumber: string };

const template = (): Record<string, unknown> & { key: string } => JSON.parse(readFileSync("resources/services/social_assistance.json", "utf8"));
const serviceKey = `social_assistance_${run}`;

/** Registers a person aged 50 in 牯牛坪社区's first grid (as SQL: trusted, no scope check). */
async function register(name: string): Promise<Person> {
  const [{ born }] = await sql<{ born: string }>("select to_char((private.local_today() - interval '50 years')::date, 'YYYYMMDD') as born");
  const first17 = `433101${born}${String(randomInt(0, 1000)).padStart(3, "0")}`;
  const idNumber = first17 + idNumberCheckChar(first17);
  const [{ id }] = await sql<{ id: string }>(
    `insert into public.residents (name, id_number, address, grid_org_unit_id, is_synthetic)
     values ($1, $2, '吉首市吉凤街道牯牛坪社区 5组 8号', $3, true) returning id`,
    [name, idNumber, await unitId(UNITS.guniupingGrid1)],
  );
  return { id, idNumber };
}

const file = { path: "records/test/consent.jpg", name: "授权书.jpg", size: 30000, mime: "image/jpeg" };

/** Answers that pass 社会救助 for `person`, linked through the resident field. */
async function application(person: Person, type: "dibao" | "emergency" | "expense"): Promise<Record<string, unknown>> {
  return {
    assistance_type: type,
    applicant: person.id,
    applicant_name: "救助测试",
    applicant_id_number: person.idNumber,
    applicant_phone: "13907431234",
    community: await unitId(UNITS.guniupingGrid1),
    address: "吉首市吉凤街道牯牛坪社区 5组 8号",
    household_size: 1,
    members: [{ name: "救助测试", relation: "02" }],
    household_income: 500,
    hardship: "家中主要劳动力因病失去劳动能力，收入不足以维持基本生活。",
    consent_form: [file],
    bank_account: "6222020200112233445",
    ...(type === "expense" ? { expense_proof: [file] } : {}),
  };
}

const fileApplication = (person: Person, type: "dibao" | "emergency" | "expense") =>
  application(person, type).then(async (data) => createRecord(await as("staff"), serviceKey, UNITS.guniupingGrid1, data));

/** Moves a record to `status` past the workflow (the investigation and notice are not this test's). */
async function putInState(recordId: string, status: string): Promise<RecordRow> {
  await sql(`begin; select set_config('app.record_write', 'rpc', true); update public.records set status = '${status}' where id = '${recordId}'; commit;`);
  return stored(recordId);
}

const tagsOf = (person: Person) =>
  sql<{ tag_key: string; valid_to: string | null; source: string; source_record_id: string | null }>(
    "select tag_key, valid_to::text, source, source_record_id from public.resident_tags where resident_id = $1 order by created_at",
    [person.id],
  );

beforeAll(async () => {
  const admin = await as("admin");
  const created = await admin.rpc("create_service", { p_definition: { ...template(), key: serviceKey }, p_owner_org_unit_id: await unitId(UNITS.guniuping) });
  expect(created.error).toBeNull();
  const published = await admin.rpc("publish_service", { p_service_id: (created.data as { id: string }).id, p_definition: null, p_expected_row_version: 1 });
  expect(published.error).toBeNull();
});

describe("社会救助: 街道审核确认 writes 低保 only for a 低保 application", () => {
  it("staff confirm a 低保 application: the person gets 低保 from the record", async () => {
    const person = await register("确认低保");
    const { data, error } = await fileApplication(person, "dibao");
    expect(error).toBeNull();
    const confirmed = await mustTransition(await as("staff"), await putInState(data!.id, "street_confirming"), "confirm");
    expect(confirmed.status).toBe("assisting");
    expect(await tagsOf(person)).toEqual([{ tag_key: "dibao", valid_to: null, source: "record", source_record_id: data!.id }]);
  });

  it("staff confirm a 临时救助 application: the transition is taken, no 低保 is written", async () => {
    const person = await register("确认临时救助");
    const { data, error } = await fileApplication(person, "expense");
    expect(error).toBeNull();
    const confirmed = await mustTransition(await as("staff"), await putInState(data!.id, "street_confirming"), "confirm");
    expect(confirmed.status).toBe("assisting");
    expect(await tagsOf(person)).toEqual([]);
  });
});

describe("社会救助: a second open 低保 is refused, a second 临时救助 only warned", () => {
  it("低保: find_duplicate_records says refuse and the database refuses the filing, naming the open one", async () => {
    const person = await register("重复低保");
    const first = await fileApplication(person, "dibao");
    expect(first.error).toBeNull();
    const staff = await as("staff");
    const found = await staff.rpc("find_duplicate_records", {
      p_service_id: await serviceId(serviceKey),
      p_resident_id: person.id,
      p_data: { assistance_type: "dibao" },
    });
    expect(found.data).toMatchObject({ action: "refuse", others: 0, records: [{ id: first.data!.id, kind: "open", action: "refuse" }] });
    const second = await fileApplication(person, "dibao");
    expect(second.data).toBeNull();
    expect(second.error).toMatchObject({ code: "PT409", message: "duplicate_application" });
    expect(second.error!.hint).toContain("已有一件未办结的同类申请");
    expect(detailsOf(second.error)).toEqual({ kind: "open", record_id: first.data!.id, count: 1 });
    // another type is another application: 临时救助 while the 低保 is open is filed
    expect((await fileApplication(person, "emergency")).error).toBeNull();
  });

  it("临时救助: find_duplicate_records says warn and the second application is filed", async () => {
    const person = await register("重复临时救助");
    const first = await fileApplication(person, "expense");
    expect(first.error).toBeNull();
    const found = await (
      await as("staff")
    ).rpc("find_duplicate_records", {
      p_service_id: await serviceId(serviceKey),
      p_resident_id: person.id,
      p_data: { assistance_type: "expense" },
    });
    expect(found.data).toMatchObject({ action: "warn", records: [{ id: first.data!.id, kind: "open", action: "warn" }] });
    const second = await fileApplication(person, "expense");
    expect(second.error).toBeNull();
    const [{ n }] = await sql<{ n: number }>("select count(*)::int as n from public.records where resident_id = $1", [person.id]);
    expect(n).toBe(2);
  });
});

describe("the definition check of when", () => {
  /** A draft may be anything: publishing checks it. */
  const refusal = async (def: Record<string, unknown>) => {
    const admin = await as("admin");
    const created = await admin.rpc("create_service", { p_definition: def, p_owner_org_unit_id: await unitId(UNITS.guniuping) });
    expect(created.error).toBeNull();
    const { error } = await admin.rpc("publish_service", { p_service_id: (created.data as { id: string }).id, p_definition: null, p_expected_row_version: 1 });
    expect(error).toMatchObject({ code: "PT400", message: "definition_invalid" });
    return (detailsOf(error) as { path: string; code: string }[]).map((p) => `${p.path} ${p.code}`);
  };
  const browser = (def: unknown) => {
    const parsed = parseServiceDefinition(def, fieldTypes);
    return parsed.ok ? [] : parsed.errors.map((e) => `${e.path} ${e.code}`);
  };

  it("refuses a tag write and a duplicates action whose when reads a missing or a sensitive field, as the browser does", async () => {
    const def = template();
    const workflow = def.workflow as { transitions: { key: string; tags?: unknown[] }[] };
    const confirm = workflow.transitions.find((t) => t.key === "confirm")!;
    confirm.tags = [
      { tag: "dibao", action: "set", when: { field: "benefit", op: "eq", value: "dibao" } },
      { tag: "tekun", action: "set", when: { field: "household_income", op: "lt", value: 100 } },
    ];
    def.duplicates = {
      match: ["assistance_type"],
      open: { action: "refuse", when: { field: "hardship", op: "not_empty" }, otherwise: "warn" },
      held: { states: ["closed"], action: "warn", when: { field: "nope", op: "empty" } },
    };
    const at = workflow.transitions.indexOf(confirm);
    const expected = [
      `workflow.transitions[${at}].tags[0].when unknown_field_ref`,
      `workflow.transitions[${at}].tags[1].when sensitive_controls_field`,
      "duplicates.open.when sensitive_controls_field",
      "duplicates.held.when unknown_field_ref",
    ];
    // the database checks tags before duplicates, the browser the other way round
    expect((await refusal({ ...def, key: `${serviceKey}_bad` })).sort()).toEqual(expected.sort());
    expect(browser(def).sort()).toEqual(expected);
  });

  it("refuses a bad conditional action; accepts the template as written (the allowed case)", async () => {
    const def = { ...template(), key: `${serviceKey}_action`, duplicates: { open: { action: "block", otherwise: "ask", unless: {} } } };
    expect(await refusal(def)).toEqual(["duplicates.open unknown_property", "duplicates.open.action invalid_value", "duplicates.open.otherwise invalid_value"]);
    const [{ errors }] = await sql<{ errors: unknown[] }>("select private.check_service_definition($1::jsonb) as errors", [JSON.stringify(template())]);
    expect(errors).toEqual([]);
    expect(browser(template())).toEqual([]);
  });
});
