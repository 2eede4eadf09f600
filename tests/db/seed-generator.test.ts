// `npm run seed`'s generator (scripts/seed/generate-records.ts) on the test stack: 2,000 records
// through the engine's triggers, then what the app needs of them — valid against their
// definitions, marked synthetic, realistic states with overdue ones, participants, the due date
// the database would give — and, through PostgREST as real users, scoped reads (the community's
// staff see their own, not another community's), an unmask, a blind search and a transition.
// Everything it added is deleted afterwards, so the other files see the demo unchanged.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateRecords } from "../../scripts/seed/generate-records";
import { as, serviceId, sql, UNITS } from "../support/engine-fixtures";

const TOTAL = 2_000;
/** 吉首市, the county of the demo's leader@demo.local. */
const COUNTY = "433101";
let seeded: string[] = [];
let demoCount = 0;

/** Deletes the given records and everything the triggers wrote for them (history is immutable, so as the cluster's superuser, triggers off), and takes them out of the kept counts. */
async function removeRecords(ids: string[]): Promise<void> {
  const admin = new pg.Client({ connectionString: process.env.SUPABASE_ADMIN_DB_URL });
  await admin.connect();
  try {
    await admin.query("begin");
    await admin.query("set local session_replication_role = replica");
    for (const table of [
      "public.record_events",
      "public.record_participants",
      "public.record_attachments",
      "public.sensitive_access_log",
      "private.record_value_digests",
      "private.record_sensitive_values",
    ]) {
      await admin.query(`delete from ${table} where record_id = any ($1::uuid[])`, [ids]);
    }
    // the kept records-by-month counts follow (records are never deleted otherwise: no trigger for it)
    await admin.query(
      `update private.record_month_counts c set records = c.records - x.n
         from (select service_id, org_unit_id, to_char(created_at at time zone 'Asia/Shanghai', 'YYYY-MM') as month, count(*) as n
                 from public.records where id = any ($1::uuid[]) and deleted_at is null group by 1, 2, 3) x
        where (c.service_id, c.org_unit_id, c.month) = (x.service_id, x.org_unit_id, x.month)`,
      [ids],
    );
    await admin.query("delete from public.records where id = any ($1::uuid[])", [ids]);
    await admin.query("commit");
  } finally {
    await admin.end();
  }
}

beforeAll(async () => {
  const before = await sql<{ id: string }>("select id from public.records");
  demoCount = before.length;
  const clients = [new pg.Client({ connectionString: process.env.SUPABASE_DB_URL }), new pg.Client({ connectionString: process.env.SUPABASE_DB_URL })];
  await Promise.all(clients.map((c) => c.connect()));
  try {
    const result = await generateRecords(clients, { total: TOTAL, seed: 42, batchSize: 500 });
    expect(result.inserted).toBe(TOTAL);
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
  const known = new Set(before.map((r) => r.id));
  seeded = (await sql<{ id: string }>("select id from public.records")).map((r) => r.id).filter((id) => !known.has(id));
}, 120_000);

afterAll(async () => {
  await removeRecords(seeded);
  const [{ n }] = await sql<{ n: number }>("select count(*)::int as n from public.records");
  expect(n).toBe(demoCount);
});

describe("seeded records", () => {
  it("are all there, all marked synthetic, across every published service", async () => {
    expect(seeded).toHaveLength(TOTAL);
    const rows = await sql<{ key: string; n: number; synthetic: number }>(
      `select s.key, count(*)::int as n, count(*) filter (where r.is_synthetic)::int as synthetic
         from public.records r join public.services s on s.id = r.service_id where r.id = any ($1::uuid[]) group by s.key order by s.key`,
      [seeded],
    );
    expect(rows.map((r) => r.key)).toEqual(["elderly_benefit", "grid_event", "resident_proposal", "veteran_card"]);
    for (const row of rows) expect(row.synthetic).toBe(row.n);
  });

  it("each validates against its own version (raw answers, as entered)", async () => {
    const invalid = await sql<{ id: string; issues: unknown }>(
      `select r.id, private.validate_record_data(v.definition, private.record_raw_data(r)) as issues
         from public.records r join public.service_versions v on v.service_id = r.service_id and v.version = r.service_version
        where r.id = any ($1::uuid[]) and private.validate_record_data(v.definition, private.record_raw_data(r)) <> '[]'::jsonb limit 5`,
      [seeded],
    );
    expect(invalid).toEqual([]);
  });

  it("stand in realistic states: mostly finished, some open, some overdue; due dates as the database gives them", async () => {
    const [shares] = await sql<{ terminal: number; open: number; overdue: number; due_missing: number; due_on_terminal: number }>(
      `with seeded as (
         select r.*, coalesce(st -> 'terminal' = 'true'::jsonb, false) as terminal, st ? 'timeLimit' as limited
           from public.records r
           join public.service_versions v on v.service_id = r.service_id and v.version = r.service_version
           cross join lateral (select s from jsonb_array_elements(v.definition #> '{workflow,states}') s where s ->> 'key' = r.status) x(st)
          where r.id = any ($1::uuid[]) and r.deleted_at is null)
       select avg(terminal::int)::float8 as terminal, avg((not terminal)::int)::float8 as open,
              avg((not terminal and due_at < now())::int)::float8 as overdue,
              count(*) filter (where limited and not terminal and due_at is null)::int as due_missing,
              count(*) filter (where terminal and due_at is not null)::int as due_on_terminal
         from seeded`,
      [seeded],
    );
    expect(shares.terminal).toBeGreaterThan(0.5);
    expect(shares.terminal).toBeLessThan(0.95);
    expect(shares.overdue).toBeGreaterThan(0.01);
    expect(shares.overdue).toBeLessThan(shares.open);
    expect(shares.due_missing).toBe(0);
    expect(shares.due_on_terminal).toBe(0);
    // a record's due date is the one the database computes for its state, entered at its last change
    const [{ mismatched }] = await sql<{ mismatched: number }>(
      `select count(*)::int as mismatched
         from public.records r join public.service_versions v on v.service_id = r.service_id and v.version = r.service_version
        where r.id = any ($1::uuid[])
          and r.due_at is distinct from private.record_due_at(v.definition, r.status, private.record_raw_data(r),
                                                               case when r.status = v.definition #>> '{workflow,initial}' then r.created_at else r.updated_at end)`,
      [seeded],
    );
    expect(mismatched).toBe(0);
  });

  it("have participants: the creator, and the staff member who moved it on", async () => {
    const [p] = await sql<{ creators: number; with_creator: number; actors: number; moved: number; outsiders: number }>(
      `select (select count(*)::int from public.record_participants where record_id = any ($1::uuid[]) and kind = 'creator') as creators,
              (select count(*)::int from public.records where id = any ($1::uuid[]) and created_by is not null) as with_creator,
              (select count(*)::int from public.record_participants where record_id = any ($1::uuid[]) and kind = 'actor') as actors,
              (select count(distinct record_id)::int from public.record_events where record_id = any ($1::uuid[]) and kind = 'transition' and actor is not null) as moved,
              -- a participant works on the record's branch: the grid, its community or the street above
              (select count(*)::int from public.record_participants p join public.records r on r.id = p.record_id
                 where r.id = any ($1::uuid[])
                   and not exists (select 1 from public.memberships m join public.org_units mu on mu.id = m.org_unit_id
                                     join public.org_units ru on ru.id = r.org_unit_id
                                    where m.user_id = p.user_id and (ru.path like mu.path || '%' or mu.path like ru.path || '%'))) as outsiders`,
      [seeded],
    );
    expect(p.creators).toBeGreaterThan(0);
    expect(p.creators).toBe(p.with_creator);
    expect(p.actors).toBeGreaterThan(0);
    expect(p.actors).toBe(p.moved);
    expect(p.outsiders).toBe(0);
  });

  it("are interleaved over two years", async () => {
    const [span] = await sql<{ months: number; services_per_month: number }>(
      `select count(*)::int as months, min(n)::int as services_per_month from (
         select date_trunc('month', created_at), count(distinct service_id) as n from public.records
          where id = any ($1::uuid[]) and created_at < date_trunc('month', now()) group by 1) m`,
      [seeded],
    );
    expect(span.months).toBeGreaterThanOrEqual(23);
    expect(span.services_per_month).toBeGreaterThanOrEqual(3);
  });
});

describe("seeded records through the API", () => {
  it("are read by the community's staff within their community only; the county leader reads beyond it", async () => {
    const staff = await as("staff");
    const leader = await as("leader");
    const gridEvent = await serviceId("grid_event");
    const [mine, elsewhere] = await Promise.all([
      sql<{ id: string }>(
        `select r.id from public.records r join public.org_units u on u.id = r.org_unit_id
          where r.id = any ($1::uuid[]) and r.service_id = $2 and r.deleted_at is null and u.path like (select path from public.org_units where code = $3) || '%'`,
        [seeded, gridEvent, UNITS.guniuping],
      ),
      sql<{ id: string }>(
        `select r.id from public.records r join public.org_units u on u.id = r.org_unit_id
          where r.id = any ($1::uuid[]) and r.service_id = $2 and r.deleted_at is null and u.level = 'grid'
            and u.path not like (select path from public.org_units where code = $3) || '%'
            and u.path like (select path from public.org_units where code = $4) || '%' limit 20`,
        [seeded, gridEvent, UNITS.guniuping, COUNTY],
      ),
    ]);
    expect(mine.length).toBeGreaterThan(0);
    expect(elsewhere.length).toBe(20);
    const staffSees = await staff
      .from("records")
      .select("id")
      .in(
        "id",
        mine.slice(0, 50).map((r) => r.id),
      );
    expect(staffSees.data?.map((r) => r.id).sort()).toEqual(
      mine
        .slice(0, 50)
        .map((r) => r.id)
        .sort(),
    );
    const staffDenied = await staff
      .from("records")
      .select("id")
      .in(
        "id",
        elsewhere.map((r) => r.id),
      );
    expect(staffDenied.error).toBeNull();
    expect(staffDenied.data).toEqual([]);
    // the leader of 吉首市 reads every grid event of the county
    const leaderSees = await leader
      .from("records")
      .select("id")
      .in(
        "id",
        elsewhere.map((r) => r.id),
      );
    expect(leaderSees.data).toHaveLength(20);
  });

  it("unmask and are found by a full ID number like records filed in the app", async () => {
    const staff = await as("staff");
    const [row] = await sql<{ id: string; service_id: string; raw: string; masked: string }>(
      `select r.id, r.service_id, private.record_raw_data(r) ->> 'applicant_id_number' as raw, r.data ->> 'applicant_id_number' as masked
         from public.records r join public.services s on s.id = r.service_id join public.org_units u on u.id = r.org_unit_id
        where r.id = any ($1::uuid[]) and s.key = 'elderly_benefit' and r.deleted_at is null
          and u.path like (select path from public.org_units where code = $2) || '%' limit 1`,
      [seeded, UNITS.guniuping],
    );
    expect(row.masked).not.toBe(row.raw);
    const unmasked = await staff.rpc("unmask_record_field", { p_record_id: row.id, p_field: "applicant_id_number", p_reason: "核对种子数据" });
    expect(unmasked.error).toBeNull();
    expect(JSON.stringify(unmasked.data)).toContain(row.raw);
    const found = await staff.rpc("search_records_by_value", { p_service_id: row.service_id, p_value: row.raw, p_reason: "核对种子数据" });
    expect(found.error).toBeNull();
    expect((found.data as { record_ids: string[] }).record_ids).toContain(row.id);
  });

  it("take their next workflow step through the RPC", async () => {
    const staff = await as("staff");
    // an open record in the staff member's community, and a step staff may take from its state
    // that asks for no answers and no checklist (a comment is always given)
    const [row] = await sql<{ id: string; row_version: number; transition: string; to: string }>(
      `select r.id, r.row_version, t ->> 'key' as transition, t ->> 'to' as to
         from public.records r
         join public.service_versions v on v.service_id = r.service_id and v.version = r.service_version
         join public.org_units u on u.id = r.org_unit_id
        cross join lateral jsonb_array_elements(v.definition #> '{workflow,transitions}') t
        where r.id = any ($1::uuid[]) and r.deleted_at is null
          and u.path like (select path from public.org_units where code = $2) || '%'
          and t -> 'from' ? r.status and t -> 'roles' ? 'staff' and not t ? 'when'
          and coalesce(jsonb_array_length(t -> 'requireFields'), 0) = 0 and coalesce(jsonb_array_length(t -> 'checklist'), 0) = 0
        order by r.created_at limit 1`,
      [seeded, UNITS.guniuping],
    );
    expect(row).toBeDefined();
    const moved = await staff.rpc("transition_record", {
      p_id: row.id,
      p_row_version: row.row_version,
      p_transition: row.transition,
      p_comment: "已核实，按规定办理",
      p_fields: null,
      p_checklist: null,
    });
    expect(moved.error).toBeNull();
    expect(moved.data).toMatchObject({ status: row.to, row_version: row.row_version + 1 });
  });
});
