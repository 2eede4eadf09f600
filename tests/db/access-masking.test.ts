// Sensitive fields leave the API masked for everyone (20261126040000…040200): the masks are the
// ones of src/field-types/mask.ts, every way of reading a record through PostgREST returns them
// masked, filtering on a raw value finds nothing, the record RPCs keep or replace raw values,
// and unmasking needs view_sensitive plus a reason and is logged in an append-only table.
// Every denial comes with its positive control, acting as the demo users through the API.
import type { SupabaseClient } from "@supabase/supabase-js";
import { describe, expect, it } from "vitest";
import { maskGeneric, maskIdNumber, maskPhone } from "@/field-types/mask";
import {
  as,
  elderlyCardData,
  gridEventData,
  mustCreate,
  mustTransition,
  run,
  serviceRole,
  sql,
  stored,
  UNITS,
  unitId,
  type RecordRow,
} from "../support/engine-fixtures";

/** A valid GB 11643 ID number no other record has: born 1945-03-15 in 吉首市, random sequence. */
function uniqueIdNumber(): string {
  const first17 = `43310119450315${String(Math.floor(Math.random() * 1000)).padStart(3, "0")}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * weights[i], 0);
  return first17 + "10X98765432"[sum % 11];
}

const uniqueMobile = () => `139${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;

/** An elderly_benefit record made by staff with fresh raw values, as everyone reads it. */
async function sensitiveRecord(): Promise<{ row: RecordRow; idNumber: string; phone: string }> {
  const idNumber = uniqueIdNumber();
  const phone = uniqueMobile();
  const row = await mustCreate(await as("staff"), "elderly_benefit", UNITS.guniupingGrid1, {
    ...(await elderlyCardData()),
    applicant_id_number: idNumber,
    applicant_phone: phone,
  });
  return { row, idNumber, phone };
}

const rawOf = async (recordId: string) =>
  (await sql<{ data: Record<string, unknown> }>("select data from private.record_sensitive_values where record_id = $1", [recordId]))[0]?.data;

const logRows = (recordId: string) =>
  sql<{ field: string; reason: string; actor: string }>(
    "select field, reason, actor from public.sensitive_access_log where record_id = $1 and outcome = 'granted' order by id",
    [recordId],
  );

/** Refused attempts are logged too (20261130050300): their refusal codes, in order. */
const refusalsOf = async (recordId: string) =>
  (await sql<{ refusal: string }>("select refusal from public.sensitive_access_log where record_id = $1 and outcome = 'refused' order by id", [recordId])).map(
    (r) => r.refusal,
  );

async function userId(c: SupabaseClient): Promise<string> {
  return (await c.auth.getUser()).data.user!.id;
}

describe("masks", () => {
  const ids = ["433101199001010045", "11010519491231002X", "43310119450315002x", "12345", "1234567890", "12345678901"];
  const phones = ["13812345678", "0743-8221234", "07438221234", "010-12345678", "0101234567", "0743-123", "0743123", "12345", "1381234", "+8613812345678"];
  const texts = ["吴秀兰", "欧阳秀英", "张三", "李", "", "a", "ab", "𠀋𠀌𠀍", "hello world", "6222021234567890123"];

  it("agree with src/field-types/mask.ts on the same values", async () => {
    const [db] = await sql<{ ids: string[]; phones: string[]; texts: string[] }>(
      `select array(select private.mask_id_number(v) from unnest($1::text[]) with ordinality t(v, i) order by i) ids,
              array(select private.mask_phone(v) from unnest($2::text[]) with ordinality t(v, i) order by i) phones,
              array(select private.mask_generic(v) from unnest($3::text[]) with ordinality t(v, i) order by i) texts`,
      [ids, phones, texts],
    );
    expect(db.ids).toEqual(ids.map(maskIdNumber));
    expect(db.phones).toEqual(phones.map(maskPhone));
    expect(db.texts).toEqual(texts.map(maskGeneric));
    expect(db.ids[0]).toBe("433**************5");
    expect(db.phones[0]).toBe("138****5678");
  });

  it("mask a field's answer by its type; choices and non-text answers are hidden whole", async () => {
    const cases: [object, unknown, unknown][] = [
      [{ type: "id_number" }, "433101199001010045", maskIdNumber("433101199001010045")],
      [{ type: "phone" }, "0743-8221234", maskPhone("0743-8221234")],
      [{ type: "text" }, "6222021234567890123", maskGeneric("6222021234567890123")],
      [{ type: "select" }, "reissue", "***"],
      [{ type: "multiselect" }, ["a", "b"], "***"],
      [{ type: "number" }, 3200, "***"],
      [{ type: "text" }, "", ""],
      [{ type: "multiselect" }, [], []],
    ];
    for (const [field, answer, masked] of cases) {
      const [row] = await sql<{ masked: unknown }>("select private.mask_answer($1::jsonb, $2::jsonb) masked", [field, JSON.stringify(answer)]);
      expect({ field, masked: row.masked }).toEqual({ field, masked });
    }
  });

  it("differ from mask.ts only for raw text containing '*', which the database masks anyway", async () => {
    expect(maskGeneric("a*b*c")).toBe("a*b*c"); // mask.ts: looks masked already, left alone
    const [row] = await sql<{ masked: string }>("select private.mask_generic('a*b*c') masked");
    expect(row.masked).toBe("a***c");
  });
});

describe("a grid worker without view_sensitive (elderly_benefit)", () => {
  it("reads only masked ID numbers and phones in records, RPC results, history and embedded selects", async () => {
    const { row, idNumber, phone } = await sensitiveRecord();
    const staff = await as("staff");
    const grid = await as("grid");
    // positive control: the raw values were stored, aside
    expect(await rawOf(row.id)).toMatchObject({ applicant_id_number: idNumber, applicant_phone: phone });
    expect(row.data).toMatchObject({ applicant_id_number: maskIdNumber(idNumber), applicant_phone: maskPhone(phone) });

    // a changed sensitive answer: the diff shows masked old and new
    const newPhone = uniqueMobile();
    const { data: updated, error } = await staff.rpc("update_record", { p_id: row.id, p_row_version: 1, p_data: { ...row.data, applicant_phone: newPhone } });
    expect(error).toBeNull();
    expect((updated as RecordRow).data.applicant_phone).toBe(maskPhone(newPhone));
    expect(await rawOf(row.id)).toMatchObject({ applicant_id_number: idNumber, applicant_phone: newPhone });
    const accepted = await mustTransition(staff, updated as RecordRow, "accept");
    expect(accepted.data.applicant_id_number).toBe(maskIdNumber(idNumber));
    const verified = await mustTransition(grid, accepted, "verify_originals", { checklist: ["id_card", "hukou", "age_matches", "other_documents"] });
    expect(verified.data).toMatchObject({ applicant_id_number: maskIdNumber(idNumber), applicant_phone: maskPhone(newPhone) });

    const { data: records } = await grid.from("records").select("*").eq("id", row.id);
    expect(records).toHaveLength(1);
    const { data: events } = await grid.from("record_events").select("*").eq("record_id", row.id).order("id");
    expect(events!.map((e) => e.kind)).toEqual(["created", "updated", "transition", "transition"]);
    expect(events![1].diff).toEqual({ applicant_phone: [maskPhone(phone), maskPhone(newPhone)] });
    const { data: embedded } = await grid.from("records").select("*, record_events(*)").eq("id", row.id);
    expect(embedded![0].record_events).toHaveLength(4);
    const everything = JSON.stringify([records, events, embedded, accepted, verified, updated]);
    for (const raw of [idNumber, phone, newPhone]) expect(everything).not.toContain(raw);
  });

  it("finds nothing by filtering or counting on a raw value, and finds the record by its masked value", async () => {
    const { row, idNumber, phone } = await sensitiveRecord();
    for (const who of ["grid", "staff"] as const) {
      const c = await as(who);
      const byRaw = await c.from("records").select("id").eq("data->>applicant_id_number", idNumber);
      expect({ who, rows: byRaw.data }).toEqual({ who, rows: [] });
      const like = await c
        .from("records")
        .select("id")
        .like("data->>applicant_phone", `%${phone.slice(3, 7)}%`)
        .eq("id", row.id);
      expect({ who, rows: like.data }).toEqual({ who, rows: [] });
      const counted = await c.from("records").select("*", { count: "exact", head: true }).eq("data->>applicant_id_number", idNumber);
      expect({ who, count: counted.count }).toEqual({ who, count: 0 });
      const events = await c
        .from("record_events")
        .select("id")
        .eq("record_id", row.id)
        .filter("diff", "cs", JSON.stringify({ applicant_id_number: [null, idNumber] }));
      expect(events.data).toEqual([]);
      // positive controls: the masked value and the id find it
      const byMasked = await c.from("records").select("id").eq("data->>applicant_id_number", maskIdNumber(idNumber)).eq("id", row.id);
      expect({ who, rows: byMasked.data }).toEqual({ who, rows: [{ id: row.id }] });
      const count = await c.from("records").select("*", { count: "exact", head: true }).eq("id", row.id);
      expect(count.count).toBe(1);
    }
  });

  it("cannot learn a raw value by sending a guess through update_record: a right guess is a change like any other", async () => {
    const { row, idNumber } = await sensitiveRecord();
    const grid = await as("grid"); // elderly_benefit grants grid_worker `update`
    const { data, error } = await grid.rpc("update_record", { p_id: row.id, p_row_version: 1, p_data: { ...row.data, applicant_id_number: idNumber } });
    expect(error).toBeNull();
    expect(data).toMatchObject({ row_version: 2, data: { applicant_id_number: maskIdNumber(idNumber) } });
    const [event] = await sql<{ diff: unknown }>("select diff from public.record_events where record_id = $1 and kind = 'updated'", [row.id]);
    expect(event.diff).toEqual({ applicant_id_number: [maskIdNumber(idNumber), maskIdNumber(idNumber)] });
  });

  it("is refused unmasking (PT403) though it reads the record; a record it cannot read is not found", async () => {
    const { row } = await sensitiveRecord();
    const grid = await as("grid");
    expect((await grid.from("records").select("id").eq("id", row.id)).data).toEqual([{ id: row.id }]);
    const { data, error } = await grid.rpc("unmask_record_field", { p_record_id: row.id, p_field: "applicant_id_number", p_reason: "上门核实身份" });
    expect(data).toBeNull();
    expect(error).toMatchObject({ code: "PT403", message: "unmask_forbidden" });
    const leader = await as("leader"); // reads elderly_benefit, no view_sensitive
    expect((await leader.rpc("unmask_record_field", { p_record_id: row.id, p_field: "applicant_id_number", p_reason: "上门核实身份" })).error?.message).toBe(
      "unmask_forbidden",
    );
    const elsewhere = await mustCreate(await as("staff"), "elderly_benefit", UNITS.guniupingGrid2, await elderlyCardData(UNITS.guniupingGrid2));
    const hidden = await grid.rpc("unmask_record_field", { p_record_id: elsewhere.id, p_field: "applicant_id_number", p_reason: "上门核实身份" });
    expect(hidden.error).toMatchObject({ code: "PT404", message: "record_not_found" });
    expect(await logRows(row.id)).toEqual([]);
    expect(await refusalsOf(row.id)).toEqual(["unmask_forbidden", "unmask_forbidden"]);
    expect(await refusalsOf(elsewhere.id)).toEqual(["record_not_found"]);
  });
});

describe("staff with view_sensitive (elderly_benefit)", () => {
  it("sees masked values by default, and the raw value after unmasking with a reason, which is logged", async () => {
    const { row, idNumber } = await sensitiveRecord();
    const staff = await as("staff");
    const { data: read } = await staff.from("records").select("data").eq("id", row.id).single();
    expect(read!.data.applicant_id_number).toBe(maskIdNumber(idNumber));
    for (const reason of [null, "", "    ", "核实", "　　　　　"]) {
      const refused = await staff.rpc("unmask_record_field", { p_record_id: row.id, p_field: "applicant_id_number", p_reason: reason });
      expect({ reason, error: refused.error?.message, code: refused.error?.code }).toEqual({ reason, error: "reason_required", code: "PT400" });
    }
    expect(await logRows(row.id)).toEqual([]);
    expect(await refusalsOf(row.id)).toEqual(Array(5).fill("reason_required"));
    const notSensitive = await staff.rpc("unmask_record_field", { p_record_id: row.id, p_field: "applicant_name", p_reason: "核实申请人身份" });
    expect(notSensitive.error).toMatchObject({ code: "PT400", message: "field_not_sensitive" });

    const { data, error } = await staff.rpc("unmask_record_field", { p_record_id: row.id, p_field: "applicant_id_number", p_reason: " 核实申请人身份 " });
    expect(error).toBeNull();
    expect(data).toBe(idNumber);
    expect(await logRows(row.id)).toEqual([{ field: "applicant_id_number", reason: "核实申请人身份", actor: await userId(staff) }]);
    // an empty optional sensitive field unmasks to null (and is logged too)
    const proxy = await staff.rpc("unmask_record_field", { p_record_id: row.id, p_field: "proxy_phone", p_reason: "核实代办人" });
    expect(proxy).toMatchObject({ data: null, error: null });
  });

  it("logs the unmasking even when the request asks PostgREST to roll back", async () => {
    const { row, idNumber } = await sensitiveRecord();
    const staff = await as("staff");
    const token = (await staff.auth.getSession()).data.session!.access_token;
    const response = await fetch(`${process.env.SUPABASE_URL}/rest/v1/rpc/unmask_record_field`, {
      method: "POST",
      headers: { apikey: process.env.SUPABASE_ANON_KEY!, authorization: `Bearer ${token}`, "content-type": "application/json", prefer: "tx=rollback" },
      body: JSON.stringify({ p_record_id: row.id, p_field: "applicant_id_number", p_reason: "核实申请人身份" }),
    });
    if (response.ok) {
      expect(await response.json()).toBe(idNumber);
      expect(await logRows(row.id)).toHaveLength(1);
    } else {
      expect(await logRows(row.id)).toEqual([]);
    }
  });

  it("keeps a raw value sent back masked, replaces it with a new raw value, and validates the raw value", async () => {
    const { row, idNumber, phone } = await sensitiveRecord();
    const staff = await as("staff");
    const kept = await staff.rpc("update_record", { p_id: row.id, p_row_version: 1, p_data: { ...row.data, address: "吉首市吉凤街道牯牛坪社区 5组 1号" } });
    expect(kept.error).toBeNull();
    expect(await rawOf(row.id)).toEqual({ applicant_id_number: idNumber, applicant_phone: phone });
    const [event] = await sql<{ diff: unknown }>("select diff from public.record_events where record_id = $1 and kind = 'updated'", [row.id]);
    expect(event.diff).toEqual({ address: ["吉首市吉凤街道牯牛坪社区 3组 12号", "吉首市吉凤街道牯牛坪社区 5组 1号"] });
    const unchanged = await staff.rpc("update_record", { p_id: row.id, p_row_version: 2, p_data: (kept.data as RecordRow).data });
    expect((unchanged.data as RecordRow).row_version).toBe(2);
    // a masked value that is not the stored one is a new raw value, and not a valid ID number
    const forged = await staff.rpc("update_record", { p_id: row.id, p_row_version: 2, p_data: { ...row.data, applicant_id_number: "433101********9999" } });
    expect(forged.error).toMatchObject({ code: "PT400", message: "record_invalid" });
    expect(JSON.parse(forged.error!.details)).toEqual([{ field: "applicant_id_number", code: "id_number", params: {} }]);
    const invalid = await staff.rpc("update_record", { p_id: row.id, p_row_version: 2, p_data: { ...row.data, applicant_phone: "12345" } });
    expect(invalid.error?.message).toBe("record_invalid");
    const newId = uniqueIdNumber();
    const replaced = await staff.rpc("update_record", { p_id: row.id, p_row_version: 2, p_data: { ...row.data, applicant_id_number: newId } });
    expect(replaced.error).toBeNull();
    expect(await rawOf(row.id)).toEqual({ applicant_id_number: newId, applicant_phone: phone });
    expect((await stored(row.id)).data.applicant_id_number).toBe(maskIdNumber(newId));
  });

  it("cannot attach raw values to an existing record with an insert that ignores duplicates", async () => {
    const staff = await as("staff");
    // a grid event without the (sensitive, optional) reporter phone has no raw values stored
    const victim = await mustCreate(staff, "grid_event", UNITS.guniupingGrid1, await gridEventData());
    expect(await rawOf(victim.id)).toBeUndefined();
    const attack = {
      id: victim.id,
      service_id: victim.service_id,
      org_unit_id: victim.org_unit_id,
      data: { ...(await gridEventData()), reporter_name: "王大妈", reporter_phone: "13900000000" },
    };
    const { error } = await staff.from("records").upsert(attack, { onConflict: "id", ignoreDuplicates: true });
    expect(error).toMatchObject({ code: "PT409", message: "record_exists" });
    expect(await rawOf(victim.id)).toBeUndefined();
    // positive control: the same insert with a fresh id is accepted, its phone kept aside
    const { id: _, ...fresh } = attack;
    const { data, error: freshError } = await staff.from("records").insert(fresh).select().single();
    expect(freshError).toBeNull();
    expect(await rawOf(data!.id)).toEqual({ reporter_phone: "13900000000" });
  });
});

describe("transition_record with sensitive fields", () => {
  /** A 牯牛坪 service whose "pay" transition requires a sensitive answer. */
  const payout = (key: string) => ({
    key,
    name: "临时救助发放",
    purpose: "核实身份并发放救助金。",
    fields: [
      { key: "title", label: "事项", type: "text", required: true },
      { key: "contact_phone", label: "联系电话", type: "phone", required: true, sensitive: true, purpose: "联系申请人" },
      { key: "payout_account", label: "收款账号", type: "text", sensitive: true, purpose: "发放救助金" },
    ],
    list: { columns: ["title", "status"] },
    workflow: {
      initial: "open",
      states: [
        { key: "open", label: "待发放", color: "blue" },
        { key: "paid", label: "已发放", color: "success", terminal: true },
      ],
      transitions: [{ key: "pay", label: "发放", from: ["open"], to: "paid", roles: ["staff"], requireFields: ["payout_account"] }],
    },
    permissions: { community_admin: ["read"], staff: ["read", "create", "update", "view_sensitive"], grid_worker: ["read"] },
  });

  it("takes a required sensitive answer as raw, accepts others back masked, refuses them as raw (right or wrong)", async () => {
    const admin = await as("admin");
    const created = await admin.rpc("create_service", { p_definition: payout(`payout_${run}`), p_owner_org_unit_id: await unitId(UNITS.guniuping) });
    expect(created.error).toBeNull();
    expect((await admin.rpc("publish_service", { p_service_id: created.data.id, p_definition: null, p_expected_row_version: 1 })).error).toBeNull();
    const staff = await as("staff");
    const phone = uniqueMobile();
    const { data: row, error } = await staff
      .from("records")
      .insert({ service_id: created.data.id, org_unit_id: await unitId(UNITS.guniupingGrid1), data: { title: "火灾临时救助", contact_phone: phone } })
      .select()
      .single();
    expect(error).toBeNull();
    expect(row.data.contact_phone).toBe(maskPhone(phone));

    for (const sent of [phone, uniqueMobile()]) {
      const refused = await staff.rpc("transition_record", {
        p_id: row.id,
        p_row_version: 1,
        p_transition: "pay",
        p_fields: { contact_phone: sent, payout_account: "6222021234567890" },
      });
      expect(refused.error).toMatchObject({ code: "PT400", message: "fields_not_allowed" });
    }
    const missing = await staff.rpc("transition_record", {
      p_id: row.id,
      p_row_version: 1,
      p_transition: "pay",
      p_fields: { contact_phone: row.data.contact_phone },
    });
    expect(missing.error?.message).toBe("fields_required");

    const paid = await mustTransition(staff, row, "pay", { fields: { contact_phone: row.data.contact_phone, payout_account: "6222021234567890" } });
    expect(paid.data).toEqual({ title: "火灾临时救助", contact_phone: maskPhone(phone), payout_account: maskGeneric("6222021234567890") });
    expect(await rawOf(row.id)).toEqual({ contact_phone: phone, payout_account: "6222021234567890" });
    const { data: events } = await (await as("grid")).from("record_events").select("kind, diff").eq("record_id", row.id).order("id");
    expect(events).toEqual([
      { kind: "created", diff: null },
      { kind: "transition", diff: { payout_account: [null, maskGeneric("6222021234567890")] } },
    ]);
  });
});

describe("sensitive_access_log", () => {
  it("is readable by the actor and by administrators of the unit, not by others", async () => {
    const { row } = await sensitiveRecord();
    const staff = await as("staff");
    expect((await staff.rpc("unmask_record_field", { p_record_id: row.id, p_field: "applicant_phone", p_reason: "电话通知办理进度" })).error).toBeNull();
    const [entry] = await sql<{ id: number }>("select id from public.sensitive_access_log where record_id = $1", [row.id]);
    for (const [who, visible] of [
      ["staff", 1],
      ["admin", 1],
      ["grid", 0],
      ["leader", 0],
    ] as const) {
      const { data } = await (await as(who)).from("sensitive_access_log").select("id, field, reason").eq("id", entry.id);
      expect({ who, rows: data!.length }).toEqual({ who, rows: visible });
    }
  });

  it("cannot be forged, updated or deleted through the API, even with the service role", async () => {
    const { row } = await sensitiveRecord();
    const staff = await as("staff");
    await staff.rpc("unmask_record_field", { p_record_id: row.id, p_field: "applicant_phone", p_reason: "电话通知办理进度" });
    const [entry] = await sql<{ id: number }>("select id from public.sensitive_access_log where record_id = $1", [row.id]);
    const forged = await staff
      .from("sensitive_access_log")
      .insert({ record_id: row.id, service_id: row.service_id, org_unit_id: row.org_unit_id, field: "x", reason: "伪造记录", actor: await userId(staff) });
    expect(forged.error?.code).toBe("42501");
    for (const c of [staff, serviceRole]) {
      const update = await c.from("sensitive_access_log").update({ reason: "篡改理由" }).eq("id", entry.id);
      expect(update.error).not.toBeNull();
      const remove = await c.from("sensitive_access_log").delete().eq("id", entry.id);
      expect(remove.error).not.toBeNull();
    }
    expect(await logRows(row.id)).toEqual([{ field: "applicant_phone", reason: "电话通知办理进度", actor: await userId(staff) }]);
  });

  it("cannot be changed even by the database owner in SQL", async () => {
    const { row } = await sensitiveRecord();
    await (await as("staff")).rpc("unmask_record_field", { p_record_id: row.id, p_field: "applicant_phone", p_reason: "电话通知办理进度" });
    const [entry] = await sql<{ id: number }>("select id from public.sensitive_access_log where record_id = $1", [row.id]);
    await expect(sql("update public.sensitive_access_log set reason = 'x' where id = $1", [entry.id])).rejects.toThrow(/sensitive_access_log_immutable/);
    await expect(sql("delete from public.sensitive_access_log where id = $1", [entry.id])).rejects.toThrow(/sensitive_access_log_immutable/);
    await expect(sql("truncate public.sensitive_access_log")).rejects.toThrow(/sensitive_access_log_immutable/);
    expect(await logRows(row.id)).toHaveLength(1);
  });
});

describe("the raw values", () => {
  it("are unreachable through the API for every role", async () => {
    for (const c of [await as("staff"), await as("admin"), serviceRole]) {
      const { error } = await c.schema("private").from("record_sensitive_values").select("*").limit(1);
      expect(error).not.toBeNull();
    }
  });

  it("of the demo seed were split like any other: records.data holds masks only, history diffs too", async () => {
    const [check] = await sql<{ records: number; with_answers: number; split: number; unmasked: number; leaky_events: number }>(`
      select count(*)::int records,
             count(*) filter (where r.data ?| array(select jsonb_array_elements(v.sensitive_fields) ->> 'key'))::int with_answers,
             count(s.record_id)::int split,
             count(*) filter (where r.data <> private.mask_record_data(v.sensitive_fields, r.data || coalesce(s.data, '{}')))::int unmasked,
             (select count(*)::int from public.record_events e
                join public.records r2 on r2.id = e.record_id
                join public.service_versions v2 on v2.service_id = r2.service_id and v2.version = r2.service_version
               where e.diff is not null and e.diff <> private.mask_diff(v2.sensitive_fields, e.diff)) leaky_events
        from public.records r
        join public.service_versions v on v.service_id = r.service_id and v.version = r.service_version
        left join private.record_sensitive_values s on s.record_id = r.id
       where r.is_synthetic and v.sensitive_fields <> '[]'`);
    expect(check.records).toBeGreaterThan(200);
    expect(check.split).toBe(check.with_answers);
    expect(check.unmasked).toBe(0);
    expect(check.leaky_events).toBe(0);
    // and the raw side holds real, valid ID numbers
    const [sample] = await sql<{ ok: boolean }>(`
      select bool_and(private.is_valid_id_number(s.data ->> 'applicant_id_number', current_date)) ok
        from private.record_sensitive_values s join public.records r on r.id = s.record_id
        join public.services sv on sv.id = r.service_id where sv.key = 'elderly_benefit' and r.is_synthetic`);
    expect(sample.ok).toBe(true);
  });
});
