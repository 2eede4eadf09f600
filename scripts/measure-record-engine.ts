// Measures the record engine on a throw-away copy of the demo data, inside one transaction
// that is rolled back: nothing it inserts survives.
//   1. insert cost per record with all triggers, without the validation trigger, and raw;
//   2. ~50k records, then EXPLAIN ANALYZE of list queries under RLS as the demo users.
// Run against a stack of your own (never a shared one: it locks `records` while it runs):
//   SUPABASE_DB_URL=postgresql://… node --import tsx scripts/measure-record-engine.ts
import pg from "pg";

const dbUrl = process.env.SUPABASE_DB_URL;
if (!dbUrl) throw new Error("SUPABASE_DB_URL is not set");
const ROUNDS = 3;
const PER_ROUND = 4000;
const TOTAL = Number(process.env.RECORDS ?? 50_000);

const client = new pg.Client({ connectionString: dbUrl });
await client.connect();

async function timed(sql: string, params: unknown[] = []): Promise<number> {
  const began = process.hrtime.bigint();
  await client.query(sql, params);
  return Number(process.hrtime.bigint() - began) / 1e6;
}

// Valid answers to reuse: the demo seed's records (valid against the current versions),
// spread over every grid.
const insertSample = (count: number, raw: boolean) => `
  insert into public.records (service_id, org_unit_id, data${raw ? ", service_version, status, row_version" : ""})
  select s.service_id, g.id, s.data${raw ? ", s.service_version, 'reported', 1" : ""}
    from generate_series(1, ${count}) n
    join measure_sample s on s.i = n % (select count(*) from measure_sample)
    join measure_grids g on g.i = (n * 7) % (select count(*) from measure_grids)`;

const TRIGGERS = {
  validation: ["records_validate_data_on_insert"],
  all: ["records_validate_data_on_insert", "records_before_insert", "records_after_insert"],
};
const setTriggers = (names: string[], on: boolean) =>
  client.query(names.map((name) => `alter table public.records ${on ? "enable" : "disable"} trigger ${name};`).join("\n"));

await client.query("begin");
try {
  await client.query("set local statement_timeout = 0");
  await client.query(`create temporary table measure_sample on commit drop as
    select (row_number() over (order by r.id) - 1)::int i, r.service_id, r.service_version, r.data
      from public.records r join public.services s on s.id = r.service_id
     where r.is_synthetic and s.key in ('elderly_benefit', 'veteran_card', 'grid_event')`);
  await client.query(`create temporary table measure_grids on commit drop as
    select (row_number() over (order by code) - 1)::int i, id from public.org_units where level = 'grid'`);
  const ms = { with: 0, without: 0, raw: 0 };
  for (let round = 0; round < ROUNDS; round += 1) {
    ms.with += await timed(insertSample(PER_ROUND, false));
    await setTriggers(TRIGGERS.validation, false);
    ms.without += await timed(insertSample(PER_ROUND, false));
    await setTriggers(TRIGGERS.validation, true);
    await setTriggers(TRIGGERS.all, false);
    ms.raw += await timed(insertSample(PER_ROUND, true));
    await setTriggers(TRIGGERS.all, true);
  }
  const n = ROUNDS * PER_ROUND;
  const per = (total: number) => (total / n).toFixed(3);
  console.log(`insert, ${n} records each, interleaved in ${ROUNDS} rounds (ms per record):`);
  console.log(`  all triggers (system columns + validation + created event): ${per(ms.with)}`);
  console.log(`  without the validation trigger:                             ${per(ms.without)}`);
  console.log(`  raw (no engine trigger; indexes and foreign keys only):    ${per(ms.raw)}`);
  console.log(`  validation alone: ${per(ms.with - ms.without)} ms per record`);

  const { rows: [{ count }] } = await client.query<{ count: string }>("select count(*) from public.records");
  const missing = TOTAL - Number(count);
  if (missing > 0) {
    await setTriggers(TRIGGERS.all, false);
    await client.query(insertSample(missing, true));
    await setTriggers(TRIGGERS.all, true);
  }
  await client.query("analyze public.records");
  const { rows: [{ id: gridEvent }] } = await client.query<{ id: string }>("select id from public.services where key = 'grid_event'");
  const queries = {
    "page 1 (created_at desc, 20)": `select * from public.records where service_id = '${gridEvent}' order by created_at desc limit 20`,
    "exact count": `select count(*) from public.records where service_id = '${gridEvent}'`,
    "status filter, page 1": `select * from public.records where service_id = '${gridEvent}' and status = 'reported' order by created_at desc limit 20`,
  };
  for (const email of ["grid@demo.local", "staff@demo.local", "leader@demo.local"]) {
    const { rows: [user] } = await client.query<{ id: string }>("select id from auth.users where email = $1", [email]);
    await client.query("set local role authenticated");
    await client.query("select set_config('request.jwt.claims', $1, true)", [JSON.stringify({ sub: user.id, role: "authenticated" })]);
    const { rows: [{ visible }] } = await client.query<{ visible: string }>(`select count(*) visible from public.records where service_id = '${gridEvent}'`);
    console.log(`\n── ${email}: ${visible} grid_event records visible of ${TOTAL}`);
    for (const [title, sql] of Object.entries(queries)) {
      const { rows } = await client.query<{ "QUERY PLAN": string }>(`explain (analyze, buffers, costs off, summary on) ${sql}`);
      console.log(`\n[${title}]\n${rows.map((r) => r["QUERY PLAN"]).join("\n")}`);
    }
    await client.query("reset role");
  }

  // One record's history as the grid worker: events follow their record's visibility.
  const { rows: [grid] } = await client.query<{ id: string }>("select id from auth.users where email = 'grid@demo.local'");
  await client.query("set local role authenticated");
  await client.query("select set_config('request.jwt.claims', $1, true)", [JSON.stringify({ sub: grid.id, role: "authenticated" })]);
  const { rows: [someRecord] } = await client.query<{ id: string }>(`select id from public.records where service_id = '${gridEvent}' limit 1`);
  const { rows: history } = await client.query<{ "QUERY PLAN": string }>(
    `explain (analyze, costs off, summary on) select * from public.record_events where record_id = '${someRecord.id}' order by id`);
  console.log(`\n── grid@demo.local, one record's history (events follow their record)\n${history.map((r) => r["QUERY PLAN"]).join("\n")}`);
  await client.query("reset role");

  // For comparison: the same scope as one IN (…) list without the two array conditions.
  // The pairs are still computed once (hashed SubPlan), but nothing bounds the index scan by unit.
  await client.query(`alter policy "Users can read records of services they may read within their units" on public.records
    using (deleted_at is null and (service_id, org_unit_id) in (select s.service_id, s.org_unit_id from private.my_record_scope('read') s))`);
  await client.query("set local role authenticated");
  await client.query("select set_config('request.jwt.claims', $1, true)", [JSON.stringify({ sub: grid.id, role: "authenticated" })]);
  const { rows } = await client.query<{ "QUERY PLAN": string }>(`explain (analyze, buffers, costs off, summary on) ${queries["exact count"]}`);
  console.log(`\n── grid@demo.local, exact count, with the IN-only policy (comparison)\n${rows.map((r) => r["QUERY PLAN"]).join("\n")}`);
  await client.query("reset role");
} finally {
  await client.query("rollback");
  await client.end();
}
