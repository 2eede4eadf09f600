// Refused unmask attempts are logged (issue #7, item 7; 20261130050300): without view_sensitive,
// without a reason (blank or zero-width only), with a reason over 500 characters, on a field
// that is not sensitive, or on a record out of scope. The refusal keeps its HTTP status and error
// shape (the SPA's unmask dialog shows it as before) and its log row commits: the function
// returns the refusal with PostgREST's response.status instead of raising, which would roll the
// row back. Acting as the demo users through PostgREST.
import { describe, expect, it } from "vitest";
import { signedIn, TestWorld, units } from "../support/access-fixtures.ts";
import { as, elderlyCardData, mustCreate, run, sql, UNITS } from "../support/engine-fixtures";

type LogRow = {
  record_id: string | null;
  org_unit_id: string | null;
  field: string;
  reason: string;
  actor: string;
  outcome: string;
  refusal: string | null;
  unknown_record_id: string | null;
};

const logOf = (actor: string, since: number) =>
  sql<LogRow>(
    "select record_id, org_unit_id, field, reason, actor::text, outcome, refusal, unknown_record_id from public.sensitive_access_log where actor = $1 and id > $2 order by id",
    [actor, since],
  );
const lastLogId = async () => (await sql<{ id: number }>("select coalesce(max(id), 0)::int id from public.sensitive_access_log"))[0].id;
const userIdOf = async (who: "grid" | "staff") => (await (await as(who)).auth.getUser()).data.user!.id;

async function elderlyRecord() {
  return mustCreate(await as("staff"), "elderly_benefit", UNITS.guniupingGrid1, await elderlyCardData());
}

const unmask = async (who: "grid" | "staff", recordId: string, field: string, reason: string) =>
  (await as(who)).rpc("unmask_record_field", { p_record_id: recordId, p_field: field, p_reason: reason });

describe("a granted unmasking (the positive control)", () => {
  it("returns the raw answer and logs it as granted", async () => {
    const row = await elderlyRecord();
    const since = await lastLogId();
    const { data, error, status } = await unmask("staff", row.id, "applicant_id_number", `  核对身份 ${run}\u200b`);
    expect(error).toBeNull();
    expect(status).toBe(200);
    expect(data).toBe("433101194503150020");
    expect(await logOf(await userIdOf("staff"), since)).toEqual([
      expect.objectContaining({ record_id: row.id, field: "applicant_id_number", reason: `核对身份 ${run}`, outcome: "granted", refusal: null }),
    ]);
  });
});

describe("refused attempts", () => {
  it("without view_sensitive: 403 unmask_forbidden, logged in the record's unit", async () => {
    const row = await elderlyRecord();
    const since = await lastLogId();
    const { data, error, status } = await unmask("grid", row.id, "applicant_id_number", "想看看身份证号");
    expect(data).toBeNull();
    expect(status).toBe(403);
    expect(error).toMatchObject({ code: "PT403", message: "unmask_forbidden" });
    expect(error!.hint).toMatch(/敏感信息 \/ .*sensitive information/);
    expect(await logOf(await userIdOf("grid"), since)).toEqual([
      expect.objectContaining({ record_id: row.id, org_unit_id: row.org_unit_id, reason: "想看看身份证号", outcome: "refused", refusal: "unmask_forbidden" }),
    ]);
  });

  it("without a reason, or with whitespace and zero-width characters only: 400 reason_required, logged", async () => {
    const row = await elderlyRecord();
    const since = await lastLogId();
    for (const reason of ["", "\u200b\u200c\u200d\ufeff\u2060", "  \u3000 ", "ab"]) {
      const { error, status } = await unmask("staff", row.id, "applicant_id_number", reason);
      expect({ reason, status, message: error?.message }).toEqual({ reason, status: 400, message: "reason_required" });
    }
    const rows = await logOf(await userIdOf("staff"), since);
    expect(rows.map((r) => r.refusal)).toEqual(["reason_required", "reason_required", "reason_required", "reason_required"]);
    expect(rows.every((r) => r.outcome === "refused" && r.record_id === row.id)).toBe(true);
  });

  it("with a reason over 500 characters: 400 text_too_long, logged with the first 500", async () => {
    const row = await elderlyRecord();
    const since = await lastLogId();
    const { error, status } = await unmask("staff", row.id, "applicant_id_number", "查".repeat(501));
    expect(status).toBe(400);
    expect(error).toMatchObject({ code: "PT400", message: "text_too_long" });
    const [logged] = await logOf(await userIdOf("staff"), since);
    expect(logged).toMatchObject({ refusal: "text_too_long", reason: "查".repeat(500) });
    const ok = await unmask("staff", row.id, "applicant_id_number", "查".repeat(500));
    expect(ok.error).toBeNull();
  });

  it("on a field that is not sensitive: 400 field_not_sensitive, logged", async () => {
    const row = await elderlyRecord();
    const since = await lastLogId();
    const { error, status } = await unmask("staff", row.id, "applicant_name", "核对姓名拼写");
    expect(status).toBe(400);
    expect(error).toMatchObject({ message: "field_not_sensitive" });
    expect((await logOf(await userIdOf("staff"), since))[0]).toMatchObject({ field: "applicant_name", refusal: "field_not_sensitive" });
  });

  it("on a record out of scope: 404 as if it did not exist, logged in that record's unit for its administrators", async () => {
    const [outside] = await sql<{ id: string; org_unit_id: string }>(
      `select r.id, r.org_unit_id from public.records r join public.services s on s.id = r.service_id join public.org_units u on u.id = r.org_unit_id
        where s.key = 'elderly_benefit' and u.code like $1 || '%' limit 1`,
      [units.wanxi],
    );
    const since = await lastLogId();
    const { error, status } = await unmask("staff", outside.id, "applicant_id_number", "越权试探一下");
    expect(status).toBe(404);
    expect(error).toMatchObject({ code: "PT404", message: "record_not_found" });
    expect((await logOf(await userIdOf("staff"), since))[0]).toMatchObject({
      record_id: outside.id,
      org_unit_id: outside.org_unit_id,
      refusal: "record_not_found",
    });

    const world = new TestWorld();
    try {
      const wanxiAdmin = await world.person("wanxi-admin", { role: "community_admin", unitCode: units.wanxi });
      const seen = await wanxiAdmin.client.from("sensitive_access_log").select("refusal").eq("record_id", outside.id).eq("outcome", "refused");
      expect(seen.error).toBeNull();
      expect(seen.data!.map((r) => r.refusal)).toContain("record_not_found");
      const hidden = await (await signedIn("admin@demo.local")).from("sensitive_access_log").select("id").eq("record_id", outside.id).eq("outcome", "refused");
      expect(hidden.data).toEqual([]);
    } finally {
      await world.cleanup();
    }
  });

  it("on a record that does not exist: 404, logged with the id asked for, read by system administrators only", async () => {
    const missing = "00000000-0000-4000-8000-00000000dead";
    const since = await lastLogId();
    const { status } = await unmask("staff", missing, "applicant_id_number", "随便试一个编号");
    expect(status).toBe(404);
    expect((await logOf(await userIdOf("staff"), since))[0]).toMatchObject({ record_id: null, unknown_record_id: missing, refusal: "record_not_found" });
    const world = new TestWorld();
    try {
      const sysadmin = await world.person("sysadmin", { role: "system_admin", unitCode: units.prefecture });
      const seen = await sysadmin.client.from("sensitive_access_log").select("unknown_record_id").eq("unknown_record_id", missing);
      expect(seen.data!.length).toBeGreaterThan(0);
      const hidden = await (await signedIn("admin@demo.local")).from("sensitive_access_log").select("id").eq("unknown_record_id", missing);
      expect(hidden.data).toEqual([]);
    } finally {
      await world.cleanup();
    }
  });

  it("a refusal is logged even when the request asks PostgREST to roll back", async () => {
    const row = await elderlyRecord();
    const since = await lastLogId();
    const grid = await as("grid");
    const token = (await grid.auth.getSession()).data.session!.access_token;
    const response = await fetch(`${process.env.SUPABASE_URL}/rest/v1/rpc/unmask_record_field`, {
      method: "POST",
      headers: { apikey: process.env.SUPABASE_ANON_KEY!, authorization: `Bearer ${token}`, "content-type": "application/json", prefer: "tx=rollback" },
      body: JSON.stringify({ p_record_id: row.id, p_field: "applicant_id_number", p_reason: "回滚试探一下" }),
    });
    expect(response.status).toBe(403);
    expect(await logOf(await userIdOf("grid"), since)).toEqual([expect.objectContaining({ record_id: row.id, refusal: "unmask_forbidden" })]);
  });

  it("the refused rows are as append-only as the granted ones", async () => {
    await expect(sql("update public.sensitive_access_log set refusal = null where outcome = 'refused'")).rejects.toThrow();
  });
});
