// Registry search by pinyin initials (issue 12, item 2) through PostgREST as real users: the
// database computes residents.name_initials for every write (张德福 → zdf, a polyphonic
// surname read as a surname), nobody can set it, it follows a rename without an event of its
// own, and the search on it stays inside the caller's grid scope (allowed and refused).
import { randomInt } from "node:crypto";
import type { SupabaseClient } from "@supabase/supabase-js";
import { afterAll, describe, expect, it } from "vitest";
import { idNumberCheckChar } from "@/field-types/id_number/gb11643";
import { TestWorld } from "../support/access-fixtures";
import { as, sql, unitId, UNITS } from "../support/engine-fixtures";

const world = new TestWorld();
afterAll(() => world.cleanup());

function uniqueIdNumber(): string {
  const first17 = `433101${1930 + randomInt(0, 70)}${String(randomInt(1, 13)).padStart(2, "0")}${String(randomInt(1, 29)).padStart(2, "0")}${String(randomInt(0, 1000)).padStart(3, "0")}`;
  return first17 + idNumberCheckChar(first17);
}

type Found = { id: string; name: string; name_initials: string; row_version: number };

async function register(client: SupabaseClient, name: string, grid: string = UNITS.guniupingGrid1): Promise<Found> {
  const { data, error } = await client
    .from("residents")
    .insert({ name, id_number: uniqueIdNumber(), grid_org_unit_id: await unitId(grid) })
    .select("id, name, name_initials, row_version")
    .single();
  expect(error).toBeNull();
  return data as Found;
}

describe("pinyin initials of a resident's name", () => {
  it("are computed by the database: common readings, a surname read as a surname, Latin letters kept", async () => {
    const staff = await as("staff");
    expect((await register(staff, "张德福")).name_initials).toBe("zdf");
    // 单 is dān in a word, shàn as a surname; 曾 céng / zēng
    expect((await register(staff, "单田芳")).name_initials).toBe("stf");
    expect((await register(staff, "曾小明")).name_initials).toBe("zxm");
    expect((await register(staff, "阿依古丽·Anna")).name_initials).toBe("aygl" + "anna");
    expect((await sql<{ v: string }>("select private.name_initials('向德福') as v"))[0].v).toBe("xdf");
  });

  it("follow a rename, and a client cannot write them", async () => {
    const staff = await as("staff");
    const person = await register(staff, "龙建国");
    expect(person.name_initials).toBe("ljg");
    const renamed = await staff
      .from("residents")
      .update({ name: "龙建军", row_version: person.row_version + 1 })
      .eq("id", person.id)
      .select("name_initials")
      .single();
    expect(renamed.error).toBeNull();
    expect(renamed.data).toEqual({ name_initials: "ljj" });
    const [event] = await sql<{ diff: Record<string, unknown> }>("select diff from public.resident_events where resident_id = $1 and kind = 'updated'", [
      person.id,
    ]);
    expect(Object.keys(event.diff)).toEqual(["name"]);

    const forged = await staff
      .from("residents")
      .update({ name_initials: "zzz", row_version: person.row_version + 2 } as never)
      .eq("id", person.id);
    expect(forged.error).not.toBeNull();
    const insertForged = await staff
      .from("residents")
      .insert({ name: "石光明", id_number: uniqueIdNumber(), grid_org_unit_id: await unitId(UNITS.guniupingGrid1), name_initials: "zzz" } as never);
    expect(insertForged.error).not.toBeNull();
    expect((await staff.from("residents").select("name_initials").eq("id", person.id).single()).data).toEqual({ name_initials: "ljj" });
  });

  it("find people in the caller's scope only: a grid worker finds their grid's 彭桂英 by pgy, not another grid's", async () => {
    const staff = await as("staff");
    const mine = await register(staff, "彭桂英", UNITS.guniupingGrid1);
    const other = await register(staff, "彭光耀", UNITS.guniupingGrid2);
    const ids = [mine.id, other.id];
    // the community's staff find both
    expect((await staff.from("residents").select("id").ilike("name_initials", "%pg%").in("id", ids)).data).toHaveLength(2);
    const grid = await as("grid");
    expect((await grid.from("residents").select("id").ilike("name_initials", "%pgy%").in("id", ids)).data).toEqual([{ id: mine.id }]);
    expect((await grid.from("residents").select("id").ilike("name_initials", "%pgy%").eq("id", other.id)).data).toEqual([]);
    const stranger = await world.person("stranger");
    expect((await stranger.client.from("residents").select("id").ilike("name_initials", "%pg%").in("id", ids)).data).toEqual([]);
  });
});
