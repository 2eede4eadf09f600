// Export as staff need it (issue 9, item 8): export_records is the one way to export; it enforces
// the `export` grant in the database, unmasks only with view_sensitive and a stated reason, and
// logs every page (who, which service, which fields unmasked, how many rows).
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { uniqueMobile } from "../support/access-fixtures";
import { as, elderlyCardData, mustCreate, sql, UNITS } from "../support/engine-fixtures";

const reason = "报送民政局花名册";

async function twoRecords() {
  const staff = await as("staff");
  const rows = [];
  for (let i = 0; i < 2; i++)
    rows.push(await mustCreate(staff, "elderly_benefit", UNITS.guniupingGrid1, { ...(await elderlyCardData()), applicant_phone: uniqueMobile() }));
  return rows;
}

const exportLog = (actor: string, exportId: string) =>
  sql<{ field: string; reason: string; row_count: number; detail: Record<string, unknown> }>(
    "select field, reason, row_count, detail from public.sensitive_access_log where kind = 'export' and actor = $1 and detail ->> 'export_id' = $2",
    [actor, exportId],
  );

describe("export_records", () => {
  it("refuses a role without the export grant (grid worker), though it reads the records", async () => {
    const [a] = await twoRecords();
    const grid = await as("grid");
    expect((await grid.from("records").select("id").eq("id", a.id)).data).toEqual([{ id: a.id }]);
    const refused = await grid.rpc("export_records", { p_service_id: a.service_id, p_ids: [a.id] });
    expect(refused.error).toMatchObject({ code: "PT403", message: "export_forbidden" });
  });

  it("exports masked for a leader (export, no view_sensitive), refuses the leader an unmasked export, and logs the rows", async () => {
    const [a, b] = await twoRecords();
    const leader = await as("leader");
    const exportId = randomUUID();
    const masked = await leader.rpc("export_records", { p_service_id: a.service_id, p_ids: [b.id, a.id], p_export_id: exportId });
    expect(masked.error).toBeNull();
    const rows = (masked.data as { rows: { id: string; unmasked: boolean; data: Record<string, unknown> }[] }).rows;
    expect(rows.map((r) => r.id)).toEqual([b.id, a.id]);
    expect(rows.every((r) => !r.unmasked)).toBe(true);
    expect(rows[1].data.applicant_phone).toBe(a.data.applicant_phone); // the stored mask
    const me = (await leader.auth.getUser()).data.user!.id;
    expect(await exportLog(me, exportId)).toEqual([{ field: "", reason: "", row_count: 2, detail: { unmasked: false, export_id: exportId } }]);
    const unmasked = await leader.rpc("export_records", { p_service_id: a.service_id, p_ids: [a.id], p_unmasked: true, p_reason: reason });
    expect(unmasked.error).toMatchObject({ code: "PT403", message: "unmask_forbidden" });
  });

  it("exports unmasked for staff with a reason, only the columns asked for, and logs the fields", async () => {
    const [a, b] = await twoRecords();
    const staff = await as("staff");
    const noReason = await staff.rpc("export_records", { p_service_id: a.service_id, p_ids: [a.id], p_unmasked: true, p_reason: "  " });
    expect(noReason.error).toMatchObject({ code: "PT400", message: "reason_required" });
    const exportId = randomUUID();
    const columns = ["applicant_name", "applicant_id_number", "applicant_phone"];
    const done = await staff.rpc("export_records", {
      p_service_id: a.service_id,
      p_ids: [a.id, b.id],
      p_columns: columns,
      p_unmasked: true,
      p_reason: reason,
      p_export_id: exportId,
    });
    expect(done.error).toBeNull();
    const rows = (done.data as { rows: { id: string; unmasked: boolean; data: Record<string, unknown> }[] }).rows;
    const [raw] = await sql<{ data: Record<string, unknown> }>("select data from private.record_sensitive_values where record_id = $1", [a.id]);
    expect(rows[0]).toMatchObject({ id: a.id, unmasked: true });
    expect(rows[0].data.applicant_id_number).toBe(raw.data.applicant_id_number);
    expect(rows[0].data.applicant_phone).toBe(raw.data.applicant_phone);
    const me = (await staff.auth.getUser()).data.user!.id;
    expect(await exportLog(me, exportId)).toEqual([
      { field: "applicant_id_number,applicant_phone", reason, row_count: 2, detail: { unmasked: true, columns, export_id: exportId } },
    ]);
  });

  it("leaves out records the caller may not read, and refuses a page over 1,000", async () => {
    const [a] = await twoRecords();
    const staff = await as("staff");
    const [outside] = await sql<{ id: string }>(
      "select r.id from public.records r join public.org_units u on u.id = r.org_unit_id where r.service_id = $1 and u.code not like '433101009%' and r.deleted_at is null limit 1",
      [a.service_id],
    );
    const ids = outside ? [a.id, outside.id] : [a.id];
    const done = await staff.rpc("export_records", { p_service_id: a.service_id, p_ids: ids });
    expect((done.data as { rows: { id: string }[] }).rows.map((r) => r.id)).toEqual([a.id]);
    const tooMany = await staff.rpc("export_records", { p_service_id: a.service_id, p_ids: Array.from({ length: 1001 }, () => randomUUID()) });
    expect(tooMany.error).toMatchObject({ code: "PT400", message: "export_page_too_large" });
  });
});
