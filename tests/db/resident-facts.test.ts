// public.resident_facts through PostgREST (issue 12, items 5 and 6 in the browser): a reader of a
// person gets their age in full years today (China time) and the keys of their current tags —
// what the database's eligibility check reads — and nothing else (no birth date). Someone who
// does not read the person, and an id naming nobody, are refused alike (resident_not_found 404);
// a day other than today is refused, so the age cannot be asked for day by day until it steps up.
import { randomInt, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { idNumberCheckChar } from "@/field-types/id_number/gb11643";
import { anon, as, sql, unitId, UNITS } from "../support/engine-fixtures";

/** A synthetic person in `grid` born `years` years before today (China time) plus `days`. */
async function register(name: string, grid: string, years: number, days = 0): Promise<string> {
  const [{ born }] = await sql<{ born: string }>(
    "select to_char((private.local_today() - make_interval(years => $1::int))::date + $2::int, 'YYYYMMDD') as born",
    [years, days],
  );
  const first17 = `433101${born}${String(randomInt(0, 1000)).padStart(3, "0")}`;
  const [{ id }] = await sql<{ id: string }>(
    `insert into public.residents (name, id_number, address, grid_org_unit_id, is_synthetic)
     values ($1, $2, '吉首市吉凤街道牯牛坪社区 9组 2号', $3, true) returning id`,
    [name, first17 + idNumberCheckChar(first17), await unitId(grid)],
  );
  return id;
}

const today = async () => (await sql<{ d: string }>("select to_char(private.local_today(), 'YYYY-MM-DD') as d"))[0].d;

describe("resident_facts", () => {
  it("a reader gets the age in full years today and the current tags, never the birth date", async () => {
    const staff = await as("staff");
    const birthday = await register("八十二岁今天", UNITS.guniupingGrid1, 82);
    const tomorrow = await register("明天八十二", UNITS.guniupingGrid1, 82, 1);
    await sql(
      `insert into public.resident_tags (resident_id, tag_key, valid_from, valid_to)
       values ($1, 'veteran', '2000-01-01', null), ($1, 'dibao', '2000-01-01', '2001-01-01')`,
      [birthday],
    );

    const first = await staff.rpc("resident_facts", { p_resident_id: birthday });
    expect(first.error).toBeNull();
    // exactly these keys: the birth date stays private (staff hold view_sensitive: no kind hidden)
    expect(first.data).toEqual({ age: 82, tags: ["veteran"], hidden_kinds: [] });
    const second = await staff.rpc("resident_facts", { p_resident_id: tomorrow, p_on: await today() });
    expect(second.error).toBeNull();
    expect(second.data).toEqual({ age: 81, tags: [], hidden_kinds: [] });
  });

  it("refused alike for a person the caller does not read and for an id naming nobody", async () => {
    const grid = await as("grid");
    // grid@ works in 牯牛坪社区's first grid: the second grid's people are not theirs to read
    const elsewhere = await register("第二网格老人", UNITS.guniupingGrid2, 70);
    const own = await register("第一网格老人", UNITS.guniupingGrid1, 70);

    const allowed = await grid.rpc("resident_facts", { p_resident_id: own });
    expect(allowed.error).toBeNull();
    expect(allowed.data).toMatchObject({ age: 70 });

    for (const id of [elsewhere, randomUUID()]) {
      const refused = await grid.rpc("resident_facts", { p_resident_id: id });
      expect(refused.data).toBeNull();
      expect(refused.error).toMatchObject({ code: "PT404", message: "resident_not_found" });
      expect(refused.error!.hint).toContain("居民不存在或无权访问");
    }
    // staff of the community read both grids
    const staff = await as("staff");
    expect((await staff.rpc("resident_facts", { p_resident_id: elsewhere })).data).toMatchObject({ age: 70 });
  });

  it("refuses any day but today, and anonymous callers", async () => {
    const staff = await as("staff");
    const person = await register("日期测试", UNITS.guniupingGrid1, 65);
    const yesterday = (await sql<{ d: string }>("select to_char(private.local_today() - 1, 'YYYY-MM-DD') as d"))[0].d;
    const refused = await staff.rpc("resident_facts", { p_resident_id: person, p_on: yesterday });
    expect(refused.data).toBeNull();
    expect(refused.error).toMatchObject({ code: "PT400", message: "facts_date_not_today" });

    const nobody = await anon().rpc("resident_facts", { p_resident_id: person });
    expect(nobody.data).toBeNull();
    expect(nobody.error).not.toBeNull();
  });
});
