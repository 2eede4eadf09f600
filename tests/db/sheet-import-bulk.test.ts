// The sheet import's promise, "nothing half-imported", as the database keeps it: the SPA sends the
// sheet's rows as ONE PostgREST insert (src/data/insertRecords.ts), which is one statement, so a
// row the validation trigger refuses takes every other row of the request with it.
import { describe, expect, it } from "vitest";
import { as, run, sql, UNITS, unitId } from "../support/engine-fixtures";

const definition = (key: string) => ({
  key,
  name: "居民花名册",
  category: "台账",
  icon: "SolutionOutlined",
  description: "由表格生成的台账。",
  purpose: "登记本社区居民信息。",
  fields: [
    { key: "xing_ming", label: "姓名", type: "text", required: true },
    { key: "shen_fen_zheng_hao", label: "身份证号", type: "id_number", required: true, sensitive: true, purpose: "核实本人身份" },
    { key: "shi_fou_dang_yuan", label: "是否党员", type: "boolean" },
  ],
  list: { columns: ["xing_ming", "status"] },
  workflow: { initial: "listed", states: [{ key: "listed", label: "在册", color: "green" }], transitions: [] },
  permissions: { community_admin: ["read", "create", "update", "delete", "export", "view_sensitive"], staff: ["read", "create"] },
});

/** A valid GB 11643 number, a different person for each n. */
function idNumber(n: number): string {
  const first17 = `4331011950${String((n % 12) + 1).padStart(2, "0")}${String((n % 28) + 1).padStart(2, "0")}${String(100 + n).slice(-3)}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * weights[i], 0);
  return first17 + "10X98765432"[sum % 11];
}

async function rosterService(suffix: string): Promise<{ id: string; version: number }> {
  const admin = await as("admin");
  const created = await admin.rpc("create_service", {
    p_definition: definition(`roster_${run}_${suffix}`),
    p_owner_org_unit_id: await unitId(UNITS.guniuping),
  });
  expect(created.error).toBeNull();
  const published = await admin.rpc("publish_service", { p_service_id: (created.data as { id: string }).id, p_definition: null, p_expected_row_version: 1 });
  expect(published.error).toBeNull();
  const row = published.data as { id: string; current_version: number };
  return { id: row.id, version: row.current_version };
}

async function bulk(who: "admin" | "grid", service: { id: string; version: number }, rows: Record<string, unknown>[]) {
  const client = await as(who);
  const unit = await unitId(UNITS.guniuping);
  return client.from("records").insert(
    rows.map((data) => ({ service_id: service.id, service_version: service.version, status: "listed", org_unit_id: unit, data })),
    { count: "exact" },
  );
}

async function countOf(serviceId: string): Promise<number> {
  const [{ count }] = await sql<{ count: string }>("select count(*) from public.records where service_id = $1", [serviceId]);
  return Number(count);
}

const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ xing_ming: `居民${i}`, shen_fen_zheng_hao: idNumber(i), shi_fou_dang_yuan: i % 2 === 0 }));

describe("importing a sheet's rows in one request", () => {
  it("creates every row when all of them pass", async () => {
    const service = await rosterService("ok");
    const { error, count } = await bulk("admin", service, rows(50));
    expect(error).toBeNull();
    expect(count).toBe(50);
    expect(await countOf(service.id)).toBe(50);
  });

  it("creates none when one row fails the database's validation", async () => {
    const service = await rosterService("bad");
    const broken = rows(50);
    broken[37] = { ...broken[37], shen_fen_zheng_hao: broken[37].shen_fen_zheng_hao.slice(0, 17) + (broken[37].shen_fen_zheng_hao.endsWith("0") ? "1" : "0") };
    const { error } = await bulk("admin", service, broken);
    expect(error?.message).toBe("record_invalid");
    expect(await countOf(service.id)).toBe(0);
  });

  it("creates none for someone the service does not let create", async () => {
    const service = await rosterService("denied");
    const { error } = await bulk("grid", service, rows(3));
    expect(error).not.toBeNull();
    expect(await countOf(service.id)).toBe(0);
  });
});
