// The registry's 导出 (issue 12, item 7: "export with masking as for records") through PostgREST as
// real users: export_residents hands out a page of people only to a role granted export, only
// those in that scope, with the masks the row holds (never a raw ID number or phone), in the
// order asked, and logs every page in sensitive_access_log (kind export) — allowed and refused.
import { randomInt, randomUUID } from "node:crypto";
import type { SupabaseClient } from "@supabase/supabase-js";
import { afterAll, describe, expect, it } from "vitest";
import { idNumberCheckChar } from "@/field-types/id_number/gb11643";
import { TestWorld, uniqueMobile } from "../support/access-fixtures";
import { as, run, serviceId, sql, unitId, UNITS } from "../support/engine-fixtures";

const world = new TestWorld();
afterAll(() => world.cleanup());

function uniqueIdNumber(): string {
  const first17 = `433101${1930 + randomInt(0, 70)}${String(randomInt(1, 13)).padStart(2, "0")}${String(randomInt(1, 29)).padStart(2, "0")}${String(randomInt(0, 1000)).padStart(3, "0")}`;
  return first17 + idNumberCheckChar(first17);
}

type Exported = { id: string; name: string; id_number: string; phone: string | null; tags: unknown[] };

async function register(client: SupabaseClient, name: string, grid: string): Promise<{ id: string; idNumber: string; phone: string }> {
  const idNumber = uniqueIdNumber();
  const phone = uniqueMobile();
  const { data, error } = await client
    .from("residents")
    .insert({ name, id_number: idNumber, phone, grid_org_unit_id: await unitId(grid) })
    .select("id")
    .single();
  expect(error).toBeNull();
  return { id: (data as { id: string }).id, idNumber, phone };
}

const exportLog = (actor: string, exportId: string) =>
  sql<{ kind: string; row_count: number; detail: Record<string, unknown>; org_unit_id: string | null }>(
    "select kind, row_count, detail, org_unit_id from public.sensitive_access_log where kind = 'export' and actor = $1 and detail ->> 'export_id' = $2",
    [actor, exportId],
  );

describe("export_residents", () => {
  it("refuses a role without the export grant, though it reads the person, and logs nothing", async () => {
    const staff = await as("staff");
    const person = await register(staff, "导出甲", UNITS.guniupingGrid1);
    // a role of its own that reads and handles records but may export none (other files grant
    // the demo's grid worker export on services they make); digits are no role key's
    const reader = `reader_${run.replace(/\d/g, (d) => "abcdefghij"[Number(d)])}`;
    await sql("insert into public.roles (key, name, name_en, owner_org_unit_id) values ($1, '查阅员', 'Reader', $2)", [reader, await unitId(UNITS.guniuping)]);
    world.trackRole(reader);
    await sql("insert into public.service_role_grants (service_id, role_key, action) select $1, $2, a from unnest(array['read', 'create', 'update']) a", [
      await serviceId("elderly_benefit"),
      reader,
    ]);
    const grid = (await world.person("reader", { role: reader, unitCode: UNITS.guniupingGrid1 })).client;
    expect((await grid.from("residents").select("id").eq("id", person.id)).data).toEqual([{ id: person.id }]);
    const exportId = randomUUID();
    const refused = await grid.rpc("export_residents", { p_ids: [person.id], p_export_id: exportId });
    expect(refused.error).toMatchObject({ code: "PT403", message: "export_forbidden" });
    expect(refused.error?.hint).toMatch(/不能导出居民信息 \/ Your role may not export residents/);
    const me = (await grid.auth.getUser()).data.user!.id;
    expect(await exportLog(me, exportId)).toEqual([]);
  });

  it("exports masked people in the asked order to a leader, leaves out ids it may not export, and logs the page", async () => {
    const staff = await as("staff");
    const a = await register(staff, "导出乙", UNITS.guniupingGrid1);
    const b = await register(staff, "导出丙", UNITS.guniupingGrid2);
    const leader = await as("leader");
    const exportId = randomUUID();
    const answer = await leader.rpc("export_residents", { p_ids: [b.id, randomUUID(), a.id], p_export_id: exportId });
    expect(answer.error).toBeNull();
    const rows = (answer.data as { rows: Exported[] }).rows;
    expect(rows.map((r) => r.id)).toEqual([b.id, a.id]);
    expect(rows[1].name).toBe("导出乙");
    // the masks the row holds, never the raw values
    expect(rows[1].id_number).not.toBe(a.idNumber);
    expect(rows[1].id_number).toMatch(/^\d{3}\*+[\dX]$/);
    expect(rows[1].phone).toBe(`${a.phone.slice(0, 3)}****${a.phone.slice(7)}`);
    expect(JSON.stringify(rows)).not.toContain(a.idNumber);
    const me = (await leader.auth.getUser()).data.user!.id;
    const log = await exportLog(me, exportId);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ kind: "export", row_count: 2, detail: { target: "residents", unmasked: false, export_id: exportId } });
    expect(log[0].org_unit_id).not.toBeNull();
  });

  it("refuses a page over 1,000 ids, and a log row cannot be forged or changed by a client", async () => {
    const leader = await as("leader");
    const tooMany = Array.from({ length: 1001 }, () => randomUUID());
    const refused = await leader.rpc("export_residents", { p_ids: tooMany });
    expect(refused.error).toMatchObject({ code: "PT400", message: "export_page_too_large" });
    const forged = await leader.from("sensitive_access_log").insert({ kind: "export", field: "", reason: "", actor: randomUUID() });
    expect(forged.error).not.toBeNull();
  });
});
