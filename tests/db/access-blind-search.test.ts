// Search by a full ID number or phone (issue 9, item 7): a blind index (HMAC-SHA256 under a key no
// API role can read) of every raw sensitive answer that is a full ID number or phone, searched
// through search_records_by_value by users holding view_sensitive on the service, each search
// logged like an unmask (kind 'search'); refused and logged without the grant or a reason.
// Partial search on the masked text keeps working for every reader.
import { randomInt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { idNumberCheckChar } from "@/field-types/id_number/gb11643";
import { uniqueMobile } from "../support/access-fixtures";
import { as, elderlyCardData, mustCreate, serviceId, sql, UNITS } from "../support/engine-fixtures";

const reason = "窗口办理核对身份";

/** A valid ID number of a person born in 1945 that no other test uses. */
function uniqueIdNumber(): string {
  const first17 = `43310119450315${String(randomInt(100, 999))}`;
  return first17 + idNumberCheckChar(first17);
}

async function elderlyRecord() {
  const id = uniqueIdNumber();
  const phone = uniqueMobile();
  const staff = await as("staff");
  const row = await mustCreate(staff, "elderly_benefit", UNITS.guniupingGrid1, {
    ...(await elderlyCardData()),
    applicant_id_number: id,
    applicant_phone: phone,
  });
  return { row, id, phone };
}

const searchLog = (actor: string) =>
  sql<{ record_id: string | null; field: string; reason: string; outcome: string; refusal: string | null }>(
    "select record_id, field, reason, outcome, refusal from public.sensitive_access_log where kind = 'search' and actor = $1 order by id desc limit 1",
    [actor],
  );

describe("search by a full ID number or phone", () => {
  it("finds the record by its full ID number (spaces and a lower-case x tolerated) and logs the search", async () => {
    const { row, id } = await elderlyRecord();
    const staff = await as("staff");
    const spaced = `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14).toLowerCase()}`;
    const found = await staff.rpc("search_records_by_value", { p_service_id: row.service_id, p_value: spaced, p_reason: reason });
    expect(found.error).toBeNull();
    expect(found.data).toEqual({ record_ids: [row.id] });
    const me = (await staff.auth.getUser()).data.user!.id;
    expect(await searchLog(me)).toEqual([{ record_id: row.id, field: "applicant_id_number", reason, outcome: "granted", refusal: null }]);
    // the list itself still holds only the mask
    const listed = await staff.from("records").select("data").eq("id", row.id).single();
    expect(listed.data?.data.applicant_id_number).not.toBe(id);
  });

  it("finds the record by its full phone number, typed with +86 and hyphens", async () => {
    const { row, phone } = await elderlyRecord();
    const staff = await as("staff");
    const typed = `+86 ${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`;
    const found = await staff.rpc("search_records_by_value", { p_service_id: row.service_id, p_value: typed, p_reason: reason });
    expect(found.data).toEqual({ record_ids: [row.id] });
  });

  it("logs a search that found nothing, without the value searched for", async () => {
    const staff = await as("staff");
    const absent = uniqueIdNumber();
    const found = await staff.rpc("search_records_by_value", { p_service_id: await serviceId("elderly_benefit"), p_value: absent, p_reason: reason });
    expect(found.data).toEqual({ record_ids: [] });
    const me = (await staff.auth.getUser()).data.user!.id;
    expect(await searchLog(me)).toEqual([{ record_id: null, field: "", reason, outcome: "granted", refusal: null }]);
    const leaked = await sql("select 1 from public.sensitive_access_log where reason like $1 or detail::text like $1", [`%${absent}%`]);
    expect(leaked).toEqual([]);
  });

  it("refuses, and logs, a user without view_sensitive (leader) and a grid worker", async () => {
    const { row, id } = await elderlyRecord();
    for (const who of ["leader", "grid"] as const) {
      const client = await as(who);
      const refused = await client.rpc("search_records_by_value", { p_service_id: row.service_id, p_value: id, p_reason: reason });
      expect(refused.error).toMatchObject({ code: "PT403", message: "search_forbidden" });
      expect(refused.data).toBeNull();
      const me = (await client.auth.getUser()).data.user!.id;
      expect(await searchLog(me)).toEqual([{ record_id: null, field: "", reason, outcome: "refused", refusal: "search_forbidden" }]);
    }
  });

  it("refuses a search without a reason, and a fragment that is no full value", async () => {
    const { row, id } = await elderlyRecord();
    const staff = await as("staff");
    const noReason = await staff.rpc("search_records_by_value", { p_service_id: row.service_id, p_value: id, p_reason: " \u200b " });
    expect(noReason.error).toMatchObject({ code: "PT400", message: "reason_required" });
    const fragment = await staff.rpc("search_records_by_value", { p_service_id: row.service_id, p_value: id.slice(-4), p_reason: reason });
    expect(fragment.error).toMatchObject({ code: "PT400", message: "value_not_searchable" });
  });

  it("keeps no raw value in the index, and no API role reads the index or its key", async () => {
    const { row, id } = await elderlyRecord();
    const digests = await sql<{ field_key: string; digest: Buffer }>(
      "select field_key, digest from private.record_value_digests where record_id = $1 order by field_key",
      [row.id],
    );
    expect(digests.map((d) => d.field_key)).toEqual(["applicant_id_number", "applicant_phone"]);
    for (const d of digests) {
      expect(d.digest.length).toBe(32);
      expect(d.digest.toString("latin1")).not.toContain(id);
    }
    const privileges = await sql<{ role: string; readable: boolean }>(
      `select r.role, has_table_privilege(r.role, t.tab, 'select') as readable
         from unnest(array['anon', 'authenticated']) r(role), unnest(array['private.record_value_digests', 'private.blind_index_key']) t(tab)`,
    );
    expect(privileges.filter((p) => p.readable)).toEqual([]);
  });

  it("keeps the partial search on masked text open to every reader (the list's keyword filter)", async () => {
    const { row, id } = await elderlyRecord();
    const leader = await as("leader");
    const last = id.slice(-1);
    const masked = await leader.from("records").select("id").eq("id", row.id).like("data->>applicant_id_number", `%${last}`);
    expect(masked.data).toEqual([{ id: row.id }]);
  });
});
