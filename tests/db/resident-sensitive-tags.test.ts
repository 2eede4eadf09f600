// Sensitive resident tags (issue 12, item 1; PIPL Art. 28): a tag of a kind marked sensitive
// (低保, 特困人员, 残疾人, 退役军人, 留守儿童) and its history are read only by a reader of the person
// whose role holds view_sensitive at their grid or above. Through PostgREST as real users:
// leader@ (reads the whole city, holds view_sensitive nowhere) does not see a 低保 tag, its event,
// the person through the tag filter, the tag in resident_facts (which names the hidden kinds
// instead) or in export_residents; staff@ (view_sensitive) sees all of it; a 志愿者 tag is seen by
// both. A registry writer without view_sensitive (a custom role) may not write a sensitive tag,
// by hand or by import, and the database's eligibility check still reads the tag it cannot see.
import { randomInt, randomUUID } from "node:crypto";
import type { SupabaseClient } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { idNumberCheckChar } from "@/field-types/id_number/gb11643";
import { TestWorld, type TestPerson } from "../support/access-fixtures";
import { as, createRecord, elderlyCardData, run, serviceId, sql, unitId, UNITS } from "../support/engine-fixtures";

type Person = { id: string; idNumber: string };

function newIdNumber(): string {
  const first17 = `43310119${String(randomInt(50, 90))}0${randomInt(1, 10)}1${randomInt(0, 10)}${String(randomInt(0, 1000)).padStart(3, "0")}`;
  return first17 + idNumberCheckChar(first17);
}

/** A synthetic person in 牯牛坪社区's first grid, registered past the API. */
async function register(name: string): Promise<Person> {
  const idNumber = newIdNumber();
  const [{ id }] = await sql<{ id: string }>(
    `insert into public.residents (name, id_number, address, grid_org_unit_id, is_synthetic)
     values ($1, $2, '吉首市吉凤街道牯牛坪社区 9组 3号', $3, true) returning id`,
    [`${name}${run}`, idNumber, await unitId(UNITS.guniupingGrid1)],
  );
  return { id, idNumber };
}

const tagKeysOf = (rows: { tag_key: string }[] | null) => (rows ?? []).map((row) => row.tag_key).sort();

const world = new TestWorld();
// a custom role that reads, files and edits 军人优待证 records (so it reads and writes the
// registry at its unit) but may not view sensitive information; digits are no role key's
const clerkRole = `clerk_${run.replace(/\d/g, (d) => "abcdefghij"[Number(d)])}`;
let clerk: TestPerson;
let staff: SupabaseClient;
let leader: SupabaseClient;
let person: Person;

beforeAll(async () => {
  staff = await as("staff");
  leader = await as("leader");
  await sql("insert into public.roles (key, name, name_en, owner_org_unit_id) values ($1, '受理员', 'Clerk', $2)", [clerkRole, await unitId(UNITS.guniuping)]);
  world.trackRole(clerkRole);
  await sql("insert into public.service_role_grants (service_id, role_key, action) select $1, $2, a from unnest(array['read', 'create', 'update']) a", [
    await serviceId("veteran_card"),
    clerkRole,
  ]);
  clerk = await world.person("clerk", { role: clerkRole, unitCode: UNITS.guniupingGrid1 });

  // staff hold view_sensitive over 牯牛坪社区: they tag a person 低保 and 志愿者 through the API
  person = await register("低保测试");
  for (const tag_key of ["dibao", "volunteer"]) {
    const added = await staff.from("resident_tags").insert({ resident_id: person.id, tag_key }).select("id").single();
    expect(added.error).toBeNull();
  }
});

afterAll(async () => {
  await sql("delete from public.service_role_grants where role_key = $1", [clerkRole]);
  await world.cleanup();
});

describe("reading sensitive tags", () => {
  it("the kinds say which are sensitive", async () => {
    const kinds = await leader.from("resident_tag_kinds").select("key").eq("sensitive", true);
    expect(kinds.error).toBeNull();
    expect(tagKeysOf((kinds.data ?? []).map((k) => ({ tag_key: k.key })))).toEqual(["dibao", "disabled", "left_behind_child", "tekun", "veteran"]);
  });

  it("staff see the 低保 tag and its event; the leader reads the person but sees only the 志愿者 tag and its event", async () => {
    expect(tagKeysOf((await staff.from("resident_tags").select("tag_key").eq("resident_id", person.id)).data)).toEqual(["dibao", "volunteer"]);
    expect((await leader.from("residents").select("id").eq("id", person.id)).data).toEqual([{ id: person.id }]);
    expect(tagKeysOf((await leader.from("resident_tags").select("tag_key").eq("resident_id", person.id)).data)).toEqual(["volunteer"]);
    // the embed of the list goes through the same policy
    const listed = await leader.from("residents").select("id,tags:resident_tags(tag_key)").eq("id", person.id).single();
    expect(tagKeysOf(listed.data?.tags ?? null)).toEqual(["volunteer"]);

    const events = async (client: SupabaseClient) =>
      ((await client.from("resident_events").select("kind,diff").eq("resident_id", person.id).eq("kind", "tag_added")).data ?? [])
        .map((e) => (e.diff as { tag_key: [unknown, string] }).tag_key[1])
        .sort();
    expect(await events(staff)).toEqual(["dibao", "volunteer"]);
    expect(await events(leader)).toEqual(["volunteer"]);
    // the person's other history stays readable
    expect((await leader.from("resident_events").select("kind").eq("resident_id", person.id).eq("kind", "created")).data).toHaveLength(1);
  });

  it("filtering the list by 低保 finds the person for staff and nothing for the leader; by 志愿者 for both", async () => {
    const filter = (client: SupabaseClient, tag: string) =>
      client.from("residents").select("id,tag_filter:resident_tags!inner(tag_key)").eq("id", person.id).in("tag_filter.tag_key", [tag]);
    expect((await filter(staff, "dibao")).data).toHaveLength(1);
    expect((await filter(leader, "dibao")).data).toEqual([]);
    expect((await filter(leader, "volunteer")).data).toHaveLength(1);
  });

  it("resident_facts leaves the 低保 tag out for the leader and names every sensitive kind as hidden, whoever the person is", async () => {
    const full = await staff.rpc("resident_facts", { p_resident_id: person.id });
    expect(full.error).toBeNull();
    expect(full.data).toMatchObject({ tags: ["dibao", "volunteer"], hidden_kinds: [] });
    const partial = await leader.rpc("resident_facts", { p_resident_id: person.id });
    expect(partial.error).toBeNull();
    expect(partial.data).toMatchObject({ tags: ["volunteer"] });
    const hidden = (partial.data as { hidden_kinds: string[] }).hidden_kinds;
    expect([...hidden].sort()).toEqual(["dibao", "disabled", "left_behind_child", "tekun", "veteran"]);
    // a person without any sensitive tag gets the same answer shape: hidden_kinds says nothing about them
    const plain = await register("无敏感标签");
    expect((await leader.rpc("resident_facts", { p_resident_id: plain.id })).data).toMatchObject({ tags: [], hidden_kinds: hidden });
  });

  it("export_residents carries the 低保 tag for staff, not for the leader", async () => {
    const exported = async (client: SupabaseClient) => {
      const answer = await client.rpc("export_residents", { p_ids: [person.id], p_export_id: randomUUID() });
      expect(answer.error).toBeNull();
      return tagKeysOf((answer.data as { rows: { tags: { tag_key: string }[] }[] }).rows[0].tags);
    };
    expect(await exported(staff)).toEqual(["dibao", "volunteer"]);
    expect(await exported(leader)).toEqual(["volunteer"]);
  });
});

describe("writing sensitive tags", () => {
  it("a registry writer without view_sensitive may add 志愿者 but not 低保, and cannot reach a 低保 tag to change it", async () => {
    const other = await register("受理员写标签");
    const refused = await clerk.client.from("resident_tags").insert({ resident_id: other.id, tag_key: "dibao" });
    expect(refused.error).toMatchObject({ code: "PT403", message: "tag_sensitive_forbidden" });
    expect(refused.error?.hint).toContain("敏感标签");
    expect(refused.error?.hint).toContain(" / Sensitive tags");
    const allowed = await clerk.client.from("resident_tags").insert({ resident_id: other.id, tag_key: "volunteer" }).select("tag_key").single();
    expect(allowed.error).toBeNull();
    expect(await sql("select tag_key from public.resident_tags where resident_id = $1", [other.id])).toEqual([{ tag_key: "volunteer" }]);

    // the 低保 tag of the first person is not found for them: nothing changes
    const [dibao] = await sql<{ id: string; row_version: number }>(
      "select id, row_version from public.resident_tags where resident_id = $1 and tag_key = 'dibao'",
      [person.id],
    );
    const changed = await clerk.client
      .from("resident_tags")
      .update({ note: "改", row_version: dibao.row_version + 1 })
      .eq("id", dibao.id)
      .select("id");
    expect(changed.error).toBeNull();
    expect(changed.data).toEqual([]);
    expect(await sql("select note from public.resident_tags where id = $1", [dibao.id])).toEqual([{ note: "" }]);
  });

  it("an import by such a writer is refused on the row's tags column; by staff it is written", async () => {
    const idNumber = newIdNumber();
    const rows = [{ row: 2, values: { name: `导入低保${run}`, id_number: idNumber, grid_org_unit_id: UNITS.guniupingGrid1, tags: ["低保"] } }];
    const byClerk = await clerk.client.rpc("import_residents", { p_batch_id: randomUUID(), p_rows: rows, p_dry_run: true, p_file_name: null });
    expect(byClerk.error).toBeNull();
    expect(byClerk.data).toMatchObject({ written: false, errors: [expect.objectContaining({ row: 2, column: "tags", code: "tag_sensitive_forbidden" })] });
    const byStaff = await staff.rpc("import_residents", { p_batch_id: randomUUID(), p_rows: rows, p_dry_run: true, p_file_name: null });
    expect(byStaff.error).toBeNull();
    expect(byStaff.data).toMatchObject({ written: false, created: 1, errors: [] });
  });
});

describe("eligibility still reads the tag", () => {
  it("the clerk, who cannot see 退役军人, files a 军人优待证 for a veteran (the database reads the tag) and is refused for a non-veteran", async () => {
    const veteran = await register("看不见的退役军人");
    await sql("insert into public.resident_tags (resident_id, tag_key, valid_from) values ($1, 'veteran', '2000-01-01')", [veteran.id]);
    const plain = await register("不是退役军人");
    // hidden from the clerk, who reads the person
    expect((await clerk.client.from("residents").select("id").eq("id", veteran.id)).data).toEqual([{ id: veteran.id }]);
    expect((await clerk.client.from("resident_tags").select("tag_key").eq("resident_id", veteran.id)).data).toEqual([]);
    expect((await clerk.client.rpc("resident_facts", { p_resident_id: veteran.id })).data).toMatchObject({
      tags: [],
      hidden_kinds: expect.arrayContaining(["veteran"]),
    });

    const data = async (p: Person) => ({
      card_type: "veteran",
      applicant_name: "测试退役军人",
      applicant_id_number: p.idNumber,
      applicant_phone: "13907431234",
      community: await unitId(UNITS.guniupingGrid1),
      archive_registered: true,
      service_branch: "pla",
      discharge_date: "2000-01-01",
      bank: "icbc",
      photo: (await elderlyCardData()).photo,
    });
    const allowed = await createRecord(clerk.client, "veteran_card", UNITS.guniupingGrid1, await data(veteran), { resident_id: veteran.id });
    expect(allowed.error).toBeNull();
    expect(allowed.data).toMatchObject({ status: "submitted", resident_id: veteran.id });
    const refused = await createRecord(clerk.client, "veteran_card", UNITS.guniupingGrid1, await data(plain), { resident_id: plain.id });
    expect(refused.error).toMatchObject({ code: "PT400", message: "record_invalid" });
    expect(refused.error!.hint).toContain("退役军人");
  });
});
