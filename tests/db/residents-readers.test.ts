// Who reads the registry (docs/residents.md, Scope; PIPL minimum necessary), through PostgREST as
// real users: the units where the caller's role reads a service that links people (its current
// published definition has a `resident` field) or may update records (private.my_registry_units).
// A volunteer, who reads only 网格事件, sees no person, household, tag or event, gets nothing from
// the search and facts RPCs, and cannot link a record to a person; leaders and grid workers still
// read; a role of its own reads the people once it reads a service with a resident field.
import { randomInt } from "node:crypto";
import type { SupabaseClient } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { idNumberCheckChar } from "@/field-types/id_number/gb11643";
import { TestWorld, uniqueMobile } from "../support/access-fixtures";
import { as, createRecord, gridEventData, run, serviceId, sql, unitId, UNITS } from "../support/engine-fixtures";

const world = new TestWorld();
afterAll(() => world.cleanup());

function uniqueIdNumber(): string {
  const first17 = `433101${1930 + randomInt(0, 70)}${String(randomInt(1, 13)).padStart(2, "0")}${String(randomInt(1, 29)).padStart(2, "0")}${String(randomInt(0, 1000)).padStart(3, "0")}`;
  return first17 + idNumberCheckChar(first17);
}

/** A role key of this run (role keys are lower-case letters and underscores only). */
const roleKey = (label: string) => `${label}_${run.replace(/\d/g, (d) => "abcdefghij"[Number(d)])}`;

async function customRole(label: string, grants: [string, string][]): Promise<string> {
  const key = roleKey(label);
  await sql("insert into public.roles (key, name, name_en, owner_org_unit_id) values ($1, '自定义', 'Custom', $2)", [key, await unitId(UNITS.guniuping)]);
  world.trackRole(key);
  await grant(key, grants);
  return key;
}

async function grant(role: string, grants: [string, string][]): Promise<void> {
  for (const [service, action] of grants) {
    await sql("insert into public.service_role_grants (service_id, role_key, action) values ($1, $2, $3)", [await serviceId(service), role, action]);
  }
}

const idsOf = (rows: { id: string }[] | null) => (rows ?? []).map((r) => r.id);

// One person in grid 1 of 牯牛坪 with a phone, a household and a (non-sensitive) tag, by staff.
let person: string;
let household: string;
let idNumber: string;
let phone: string;

beforeAll(async () => {
  const staff = await as("staff");
  idNumber = uniqueIdNumber();
  phone = uniqueMobile();
  const grid = await unitId(UNITS.guniupingGrid1);
  const made = await staff.from("residents").insert({ name: "读者测试", id_number: idNumber, phone, grid_org_unit_id: grid }).select("id").single();
  expect(made.error).toBeNull();
  person = (made.data as { id: string }).id;
  const home = await staff.from("households").insert({ address: "牯牛坪社区 9组 1号", grid_org_unit_id: grid }).select("id").single();
  expect(home.error).toBeNull();
  household = (home.data as { id: string }).id;
  expect((await staff.from("household_members").insert({ resident_id: person, household_id: household, relation: "02" })).error).toBeNull();
  expect((await staff.from("resident_tags").insert({ resident_id: person, tag_key: "volunteer" })).error).toBeNull();
});

async function readsEverything(client: SupabaseClient): Promise<void> {
  expect(idsOf((await client.from("residents").select("id").eq("id", person)).data)).toEqual([person]);
  expect(idsOf((await client.from("households").select("id").eq("id", household)).data)).toEqual([household]);
  expect((await client.from("resident_tags").select("tag_key").eq("resident_id", person)).data).toEqual([{ tag_key: "volunteer" }]);
  expect((await client.from("resident_events").select("id").eq("resident_id", person)).data?.length).toBeGreaterThan(0);
}

describe("the registry's readers", () => {
  it("a volunteer (reads only 网格事件) sees no person, household, membership, tag or event", async () => {
    const volunteer = (await world.person("volunteer", { role: "volunteer", unitCode: UNITS.guniupingGrid1 })).client;
    // the volunteer does read the grid's events: the role is not simply without scope
    expect(
      (
        await volunteer
          .from("records")
          .select("id")
          .eq("service_id", await serviceId("grid_event"))
          .limit(1)
      ).data,
    ).toHaveLength(1);
    expect((await volunteer.from("residents").select("id").eq("id", person)).data).toEqual([]);
    expect(
      (
        await volunteer
          .from("residents")
          .select("id")
          .eq("grid_org_unit_id", await unitId(UNITS.guniupingGrid1))
          .limit(1)
      ).data,
    ).toEqual([]);
    expect((await volunteer.from("households").select("id").eq("id", household)).data).toEqual([]);
    expect((await volunteer.from("household_members").select("resident_id").eq("resident_id", person)).data).toEqual([]);
    expect((await volunteer.from("resident_tags").select("id").eq("resident_id", person)).data).toEqual([]);
    expect((await volunteer.from("resident_events").select("id").eq("resident_id", person)).data).toEqual([]);
    expect((await volunteer.from("resident_events").select("id").eq("household_id", household)).data).toEqual([]);
    expect((await volunteer.from("import_mappings").select("id").eq("target", "residents")).data).toEqual([]);
  });

  it("a volunteer gets nothing from the search or facts RPCs (refused alike for a real and an unknown person)", async () => {
    const volunteer = (await world.person("volunteer-rpc", { role: "volunteer", unitCode: UNITS.guniupingGrid1 })).client;
    for (const value of [idNumber, phone]) {
      const search = await volunteer.rpc("search_residents_by_value", { p_value: value, p_reason: "核对身份信息" });
      expect(search.error).toMatchObject({ message: "search_forbidden" });
      expect(JSON.stringify(search)).not.toContain(person);
    }
    const facts = await volunteer.rpc("resident_facts", { p_resident_id: person });
    const nobody = await volunteer.rpc("resident_facts", { p_resident_id: "00000000-0000-4000-8000-000000000000" });
    expect(facts.data).toBeNull();
    expect(facts.error).toMatchObject({ code: "PT404", message: "resident_not_found" });
    expect(facts.error).toEqual(nobody.error);
  });

  it("a volunteer cannot link a grid event to a person, nor ask what is filed for them; a grid worker can", async () => {
    const volunteer = (await world.person("volunteer-link", { role: "volunteer", unitCode: UNITS.guniupingGrid1 })).client;
    const refused = await createRecord(volunteer, "grid_event", UNITS.guniupingGrid1, await gridEventData(), { resident_id: person });
    expect(refused.data).toBeNull();
    expect(refused.error).toMatchObject({ code: "PT403", message: "resident_link_forbidden" });
    // without the link the same volunteer files the event: only the link was refused
    expect((await createRecord(volunteer, "grid_event", UNITS.guniupingGrid1, await gridEventData())).error).toBeNull();
    const duplicates = await volunteer.rpc("find_duplicate_records", { p_service_id: await serviceId("elderly_benefit"), p_resident_id: person });
    expect(duplicates.error).toMatchObject({ code: "PT403", message: "resident_link_forbidden" });
    const grid = await as("grid");
    expect((await createRecord(grid, "grid_event", UNITS.guniupingGrid1, await gridEventData(), { resident_id: person })).error).toBeNull();
  });

  it("the leader (reads 老年优待, which links people) and the grid worker still read the person, household, tags and events", async () => {
    await readsEverything(await as("leader"));
    await readsEverything(await as("grid"));
  });

  it("a role reading only a service without a resident field reads nobody; granted read on one with it, reads the people there", async () => {
    const role = await customRole("eventreader", [["grid_event", "read"]]);
    const reader = (await world.person("eventreader", { role, unitCode: UNITS.guniupingGrid1 })).client;
    expect((await reader.from("residents").select("id").eq("id", person)).data).toEqual([]);
    expect((await reader.from("households").select("id").eq("id", household)).data).toEqual([]);
    expect((await reader.from("resident_tags").select("id").eq("resident_id", person)).data).toEqual([]);
    await grant(role, [["elderly_benefit", "read"]]);
    await readsEverything(reader);
  });

  it("a role that may update records of a service without a resident field keeps reading the people it may write", async () => {
    const role = await customRole("eventhandler", [
      ["grid_event", "read"],
      ["grid_event", "update"],
    ]);
    const handler = (await world.person("eventhandler", { role, unitCode: UNITS.guniupingGrid1 })).client;
    await readsEverything(handler);
    // and not beyond its unit: a person of grid 2 stays unseen
    const staff = await as("staff");
    const elsewhere = await staff
      .from("residents")
      .insert({ name: "读者测试乙", id_number: uniqueIdNumber(), grid_org_unit_id: await unitId(UNITS.guniupingGrid2) })
      .select("id")
      .single();
    expect(elsewhere.error).toBeNull();
    expect(
      (
        await handler
          .from("residents")
          .select("id")
          .eq("id", (elsewhere.data as { id: string }).id)
      ).data,
    ).toEqual([]);
  });
});
