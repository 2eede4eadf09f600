// Issue 12, items 5 and 6, through PostgREST as the demo's staff and grid worker: a record filed
// for a person of the registry (records.resident_id) must meet the service's eligibility[] —
// the person's age on the filing date from the registry's private birth date, their current
// tags — else record_invalid with the rule's words (中文 / English); and a second application
// the definition's `duplicates` refuses is refused (duplicate_application, 409), naming the
// existing record's id only to a caller who reads it. find_duplicate_records tells the form
// before filing: the records the caller reads and a count of the others. Imports are not checked.
import { randomInt } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { idNumberCheckChar } from "@/field-types/id_number/gb11643";
import { as, createRecord, detailsOf, elderlyCardData, serviceId, sql, unitId, UNITS } from "../support/engine-fixtures";

type Person = { id: string; idNumber: string };

/** Registers a person in 牯牛坪社区's first grid born `years` years before today (China time) plus `days`. */
async function register(name: string, years: number, days = 0): Promise<Person> {
  const [{ born }] = await sql<{ born: string }>(
    "select to_char((private.local_today() - make_interval(years => $1::int))::date + $2::int, 'YYYYMMDD') as born",
    [years, days],
  );
  const first17 = `433101${born}${String(randomInt(0, 1000)).padStart(3, "0")}`;
  const idNumber = first17 + idNumberCheckChar(first17);
  const [{ id }] = await sql<{ id: string }>(
    `insert into public.residents (name, id_number, address, grid_org_unit_id, is_synthetic)
     values ($1, $2, '吉首市吉凤街道牯牛坪社区 9组 1号', $3, true) returning id`,
    [name, idNumber, await unitId(UNITS.guniupingGrid1)],
  );
  return { id, idNumber };
}

const tag = (person: Person, key: string, from = "2000-01-01", to: string | null = null) =>
  sql("insert into public.resident_tags (resident_id, tag_key, valid_from, valid_to) values ($1, $2, $3, $4)", [person.id, key, from, to]);

async function veteranCardData(person: Person): Promise<Record<string, unknown>> {
  const { photo } = await elderlyCardData();
  return {
    card_type: "veteran",
    applicant_name: "测试退役军人",
    applicant_id_number: person.idNumber,
    applicant_phone: "13907431234",
    community: await unitId(UNITS.guniupingGrid1),
    archive_registered: true,
    service_branch: "pla",
    discharge_date: "2000-01-01",
    bank: "icbc",
    photo,
  };
}

describe("eligibility from the registry", () => {
  it("高龄津贴: refused by the database for a person 80 years old tomorrow, with the rule's reason; allowed on the birthday", async () => {
    const staff = await as("staff");
    // the answers' ID number says 80+ (the form's rule passes): the registry's birth date decides
    const allowance = { ...(await elderlyCardData()), benefit_type: "allowance", bank_card_no: "6222020200112233445", photo: undefined };
    const young = await register("未满八十", 80, 1);
    const refused = await createRecord(staff, "elderly_benefit", UNITS.guniupingGrid1, allowance, { resident_id: young.id });
    expect(refused.data).toBeNull();
    expect(refused.error).toMatchObject({ code: "PT400", message: "record_invalid" });
    expect(refused.error!.hint).toContain("高龄津贴须年满 80 周岁");
    expect(refused.error!.hint).toContain("requires age 80 or older");
    expect(detailsOf(refused.error)).toEqual([
      expect.objectContaining({ field: "benefit_type", code: "rule", params: expect.objectContaining({ message: expect.stringContaining("按居民档案") }) }),
    ]);

    const eighty = await register("刚满八十", 80);
    const allowed = await createRecord(staff, "elderly_benefit", UNITS.guniupingGrid1, allowance, { resident_id: eighty.id });
    expect(allowed.error).toBeNull();
    expect(allowed.data).toMatchObject({ status: "submitted" });
  });

  it("军人优待证: refused without a current tag 退役军人 (an ended one does not count), allowed with it", async () => {
    const grid = await as("grid");
    const person = await register("退役测试", 60);
    await tag(person, "veteran", "2000-01-01", "2001-01-01");
    const refused = await createRecord(grid, "veteran_card", UNITS.guniupingGrid1, await veteranCardData(person), { resident_id: person.id });
    expect(refused.error).toMatchObject({ code: "PT400", message: "record_invalid" });
    expect(refused.error!.hint).toContain("退役军人");
    expect(refused.error!.hint).toContain("registered as a veteran");

    await tag(person, "veteran", "2002-01-01");
    const allowed = await createRecord(grid, "veteran_card", UNITS.guniupingGrid1, await veteranCardData(person), { resident_id: person.id });
    expect(allowed.error).toBeNull();
  });

  it("a record linked to nobody, and an import, are not checked", async () => {
    const grid = await as("grid");
    const person = await register("无标签", 61);
    const unlinked = await createRecord(grid, "veteran_card", UNITS.guniupingGrid1, await veteranCardData(person));
    expect(unlinked.error).toBeNull();
    const data = JSON.stringify(await veteranCardData(person)).replaceAll("'", "''");
    await sql(`begin;
      select set_config('app.record_write', 'import', true);
      insert into public.records (service_id, org_unit_id, status, data, resident_id)
      values ('${await serviceId("veteran_card")}', '${await unitId(UNITS.guniupingGrid1)}', 'submitted', '${data}'::jsonb, '${person.id}');
      commit;`);
    const [{ n }] = await sql<{ n: number }>("select count(*)::int as n from public.records where resident_id = $1", [person.id]);
    expect(n).toBe(1);
  });

  it("a definition's eligibility is checked by the database as by the browser: an unknown tag kind or attribute is refused", async () => {
    const [{ errors }] = await sql<{ errors: { path: string; code: string }[] }>(`select private.check_applicant_rules($1::jsonb) as errors`, [
      {
        fields: [{ key: "kind", type: "text" }],
        workflow: { states: [{ key: "open" }, { key: "done", terminal: true }] },
        eligibility: [
          { require: { resident: "tags", op: "eq", value: "astronaut" }, message: "x" },
          { require: { resident: "income", op: "gte", value: 1 }, message: "x" },
          { when: { field: "nope", op: "empty" }, require: { resident: "age", op: "gte", value: 60 }, message: "x" },
          {
            require: {
              all: [
                { resident: "tags", op: "in", value: ["veteran"] },
                { field: "kind", op: "not_empty" },
              ],
            },
            message: "x",
          },
        ],
        duplicates: { match: ["kind"], open: "refuse", held: { states: ["open"], action: "warn" } },
      },
    ]);
    expect(errors.map(({ path, code }) => ({ path, code }))).toEqual([
      { path: "eligibility[0].require", code: "invalid_value" },
      { path: "eligibility[1].require", code: "invalid_value" },
      { path: "eligibility[2]", code: "unknown_field_ref" },
      { path: "duplicates.held.states[0]", code: "invalid_value" },
    ]);
  });
});

describe("duplicate applications", () => {
  let person: Person;
  let firstId: string;

  beforeAll(async () => {
    person = await register("重复申请", 70);
  });

  const card = async (gridCode: string = UNITS.guniupingGrid1) => ({ ...(await elderlyCardData(gridCode)), applicant_id_number: person.idNumber });

  it("a second open 老年优待证 is refused, naming the existing record to staff who read it; another benefit is allowed", async () => {
    const staff = await as("staff");
    const first = await createRecord(staff, "elderly_benefit", UNITS.guniupingGrid2, await card(UNITS.guniupingGrid2), { resident_id: person.id });
    expect(first.error).toBeNull();
    firstId = first.data!.id;

    const second = await createRecord(staff, "elderly_benefit", UNITS.guniupingGrid1, await card(), { resident_id: person.id });
    expect(second.data).toBeNull();
    expect(second.error).toMatchObject({ code: "PT409", message: "duplicate_application" });
    expect(second.error!.hint).toContain("已有一件未办结的同类申请（见已有记录）");
    expect(second.error!.hint).toContain("already has an open application");
    expect(detailsOf(second.error)).toEqual({ kind: "open", record_id: firstId, count: 1 });

    // the match is per benefit: the allowance is another application (the person is 70: refused for age, not as a duplicate)
    const allowance = {
      ...(await card()),
      benefit_type: "allowance",
      bank_card_no: "6222020200112233445",
      photo: undefined,
      applicant_id_number: "433101194503150020",
    };
    const other = await createRecord(staff, "elderly_benefit", UNITS.guniupingGrid1, allowance, { resident_id: person.id });
    expect(other.error).toMatchObject({ message: "record_invalid" });
  });

  it("a grid worker who cannot read the existing record is refused without its id", async () => {
    const grid = await as("grid");
    // the first record is filed in 第二网格: grid@ (第一网格) does not read it
    expect((await grid.from("records").select("id").eq("id", firstId)).data).toEqual([]);
    const refused = await createRecord(grid, "elderly_benefit", UNITS.guniupingGrid1, await card(), { resident_id: person.id });
    expect(refused.error).toMatchObject({ code: "PT409", message: "duplicate_application" });
    expect(refused.error!.hint).toContain("您无权查看");
    expect(refused.error!.hint).toContain("you cannot view it");
    expect(refused.error!.hint).not.toContain(firstId);
    expect(detailsOf(refused.error)).toEqual({ kind: "open", record_id: null, count: 1 });
  });

  it("find_duplicate_records warns before filing: records the caller reads, a count of the others", async () => {
    const args = { p_service_id: await serviceId("elderly_benefit"), p_resident_id: person.id, p_data: { benefit_type: "card" } };
    const staffView = await (await as("staff")).rpc("find_duplicate_records", args);
    expect(staffView.error).toBeNull();
    expect(staffView.data).toMatchObject({ action: "refuse", others: 0, records: [{ id: firstId, kind: "open", action: "refuse", status: "submitted" }] });
    const gridView = await (await as("grid")).rpc("find_duplicate_records", args);
    expect(gridView.data).toEqual({ action: "refuse", records: [], others: 1 });
    // another benefit: nothing found
    const allowance = await (await as("staff")).rpc("find_duplicate_records", { ...args, p_data: { benefit_type: "allowance" } });
    expect(allowance.data).toEqual({ action: null, records: [], others: 0 });
  });

  it("holding the card already is a warning, not a refusal; the RPC says so", async () => {
    const holder = await register("已持证", 75);
    const staff = await as("staff");
    const issued = await createRecord(
      staff,
      "elderly_benefit",
      UNITS.guniupingGrid1,
      { ...(await card()), applicant_id_number: holder.idNumber },
      { resident_id: holder.id },
    );
    expect(issued.error).toBeNull();
    // handed over long ago: set as an import would (the engine's guard lets only its own writes change a record)
    await sql(`begin; select set_config('app.record_write', 'import', true);
      update public.records set status = 'issued' where id = '${issued.data!.id}'; commit;`);
    const found = await staff.rpc("find_duplicate_records", {
      p_service_id: await serviceId("elderly_benefit"),
      p_resident_id: holder.id,
      p_data: { benefit_type: "card" },
    });
    expect(found.data).toMatchObject({ action: "warn", others: 0, records: [{ id: issued.data!.id, kind: "held", action: "warn" }] });
    const again = await createRecord(
      staff,
      "elderly_benefit",
      UNITS.guniupingGrid1,
      { ...(await card()), applicant_id_number: holder.idNumber },
      { resident_id: holder.id },
    );
    expect(again.error).toBeNull();
  });

  it("find_duplicate_records is refused for a person the caller does not read", async () => {
    const grid = await as("grid");
    const [{ id: otherGridPerson }] = await sql<{ id: string }>("select id from public.residents where name = '龙建国' and is_synthetic");
    const { error } = await grid.rpc("find_duplicate_records", {
      p_service_id: await serviceId("elderly_benefit"),
      p_resident_id: otherGridPerson,
      p_data: {},
    });
    expect(error).toMatchObject({ code: "PT403", message: "resident_link_forbidden" });
  });
});
