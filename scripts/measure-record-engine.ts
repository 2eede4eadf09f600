// Measures the record engine on a throw-away copy of the demo data, inside one transaction
// that is rolled back: nothing it inserts survives.
//   1. insert cost per record with all triggers, with validation but without the sensitive
//      split (the trigger as it was before 20261126040000), without the validation trigger,
//      and raw — for the demo's mix of services and for elderly_benefit alone (every record
//      has sensitive answers);
//   2. ~50k records, then EXPLAIN ANALYZE of list queries under RLS as the demo users.
// Run against a stack of your own (never a shared one: it locks `records` while it runs):
//   SUPABASE_DB_URL=postgresql://… node --import tsx scripts/measure-record-engine.ts
// (INSERTS_ONLY=1 stops after part 1; ROUNDS=n changes the number of interleaved rounds.)
import { existsSync, readFileSync } from "node:fs";
import pg from "pg";

const dbUrl = process.env.SUPABASE_DB_URL;
if (!dbUrl) throw new Error("SUPABASE_DB_URL is not set");
const ROUNDS = Number(process.env.ROUNDS ?? 4);
const PER_ROUND = 2000;
const TOTAL = Number(process.env.RECORDS ?? 50_000);

class Done extends Error {}

const client = new pg.Client({ connectionString: dbUrl });
await client.connect();

async function timed(sql: string, params: unknown[] = []): Promise<number> {
  const began = process.hrtime.bigint();
  await client.query(sql, params);
  return Number(process.hrtime.bigint() - began) / 1e6;
}

// CPU seconds the database backend serving this client has used (Linux, database on this
// machine): on a shared 2-core machine wall time mostly measures the neighbours.
const {
  rows: [{ pid: backendPid }],
} = await client.query<{ pid: number }>("select pg_backend_pid() pid");
const backendStat = `/proc/${backendPid}/stat`;
function backendCpuMs(): number | null {
  if (!existsSync(backendStat)) return null;
  const fields = readFileSync(backendStat, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, in 1/100 s ticks
}

// An insert plus the checks its commit would run: the raw sensitive answers' foreign key is
// deferred (the row is written before its record exists), and this run never commits, so run
// the pending checks now ("set constraints … immediate" fires them) to count their cost.
async function timedInsert(sql: string): Promise<{ wall: number; cpu: number }> {
  const cpuBefore = backendCpuMs();
  const wall = await timed(`${sql}; set constraints all immediate; set constraints all deferred`);
  const cpuAfter = backendCpuMs();
  return { wall, cpu: cpuBefore === null || cpuAfter === null ? Number.NaN : cpuAfter - cpuBefore };
}

// Valid answers to reuse: the demo seed's records (valid against the current versions) with
// their raw sensitive answers put back, as a form would send them, spread over every grid.
const insertSample = (count: number, raw: boolean, sample = "measure_sample") => `
  insert into public.records (service_id, org_unit_id, data${raw ? ", service_version, status, row_version" : ""})
  select s.service_id, g.id, s.data${raw ? ", s.service_version, 'reported', 1" : ""}
    from generate_series(1, ${count}) n
    join ${sample} s on s.i = n % (select count(*) from ${sample})
    join measure_grids g on g.i = (n * 7) % (select count(*) from measure_grids)`;

// The validation trigger as it was before the sensitive split, to compare against in place.
const validateWithoutSplit = `create or replace function private.records_validate_data_without_split() returns trigger
  language plpgsql set search_path = '' as $$
  declare definition jsonb;
  begin
    select v.definition into definition from public.service_versions v where v.service_id = new.service_id and v.version = new.service_version;
    new.data := private.checked_record_data(definition, new.data);
    return new;
  end $$`;
const useValidation = (fn: string) =>
  client.query(`drop trigger records_validate_data_on_insert on public.records;
    create trigger records_validate_data_on_insert before insert on public.records for each row execute function ${fn}();`);

const TRIGGERS = {
  validation: ["records_validate_data_on_insert"],
  all: ["records_validate_data_on_insert", "records_before_insert", "records_after_insert"],
};
const setTriggers = (names: string[], on: boolean) =>
  client.query(names.map((name) => `alter table public.records ${on ? "enable" : "disable"} trigger ${name};`).join("\n"));

await client.query("begin");
try {
  await client.query("set local statement_timeout = 0");
  await client.query(validateWithoutSplit);
  await client.query(`create temporary table measure_sample on commit drop as
    select (row_number() over (order by r.id) - 1)::int i, r.service_id, r.service_version, r.data || coalesce(v.data, '{}') data
      from public.records r join public.services s on s.id = r.service_id
      left join private.record_sensitive_values v on v.record_id = r.id
     where r.is_synthetic and s.key in ('elderly_benefit', 'veteran_card', 'grid_event')`);
  await client.query(`create temporary table measure_sample_sensitive on commit drop as
    select (row_number() over (order by m.i) - 1)::int i, m.service_id, m.service_version, m.data
      from measure_sample m join public.services s on s.id = m.service_id where s.key = 'elderly_benefit'`);
  await client.query(`create temporary table measure_grids on commit drop as
    select (row_number() over (order by code) - 1)::int i, id from public.org_units where level = 'grid'`);
  const n = ROUNDS * PER_ROUND;
  const per = (total: number) => (total / n).toFixed(3);
  // the list queries below run on ~TOTAL records: forget the insert measurements' rows first
  await client.query("savepoint before_inserts");
  // Each round runs every variant once, in an order rotated per round, so warm-up and the
  // growing table do not favour one of them.
  const variants: { key: "with" | "withoutSplit" | "without" | "raw"; before?: () => Promise<unknown>; after?: () => Promise<unknown> }[] = [
    { key: "with" },
    {
      key: "withoutSplit",
      before: () => useValidation("private.records_validate_data_without_split"),
      after: () => useValidation("private.records_validate_data"),
    },
    { key: "without", before: () => setTriggers(TRIGGERS.validation, false), after: () => setTriggers(TRIGGERS.validation, true) },
    { key: "raw", before: () => setTriggers(TRIGGERS.all, false), after: () => setTriggers(TRIGGERS.all, true) },
  ];
  for (const [title, sample] of [
    ["the demo mix of services", "measure_sample"],
    ["elderly_benefit (4 sensitive fields, always answered)", "measure_sample_sensitive"],
  ]) {
    const ms = Object.fromEntries(variants.map((v) => [v.key, { wall: 0, cpu: 0 }])) as Record<(typeof variants)[number]["key"], { wall: number; cpu: number }>;
    for (let round = 0; round < ROUNDS; round += 1) {
      for (let k = 0; k < variants.length; k += 1) {
        const variant = variants[(k + round) % variants.length];
        await variant.before?.();
        const spent = await timedInsert(insertSample(PER_ROUND, variant.key === "raw", sample));
        ms[variant.key].wall += spent.wall;
        ms[variant.key].cpu += spent.cpu;
        await variant.after?.();
      }
    }
    const show = (t: { wall: number; cpu: number }) => `${per(t.wall)} wall, ${per(t.cpu)} backend CPU`;
    console.log(`insert, ${title}: ${n} records each, interleaved in ${ROUNDS} rounds (ms per record):`);
    console.log(`  all triggers (system columns + validation + sensitive split + created event): ${show(ms.with)}`);
    console.log(`  all triggers, validation without the sensitive split (before 20261126040000): ${show(ms.withoutSplit)}`);
    console.log(`  without the validation trigger:                                              ${show(ms.without)}`);
    console.log(`  raw (no engine trigger; indexes and foreign keys only):                     ${show(ms.raw)}`);
    console.log(
      `  validation alone: ${per(ms.withoutSplit.cpu - ms.without.cpu)}, sensitive split alone: ${per(ms.with.cpu - ms.withoutSplit.cpu)} ms CPU per record\n`,
    );
  }
  await client.query("rollback to savepoint before_inserts");
  if (process.env.INSERTS_ONLY) throw new Done();

  const {
    rows: [{ count }],
  } = await client.query<{ count: string }>("select count(*) from public.records");
  const missing = TOTAL - Number(count);
  if (missing > 0) {
    await setTriggers(TRIGGERS.all, false);
    await client.query(insertSample(missing, true));
    await setTriggers(TRIGGERS.all, true);
  }
  await client.query("analyze public.records");
  const {
    rows: [{ id: gridEvent }],
  } = await client.query<{ id: string }>("select id from public.services where key = 'grid_event'");
  const queries = {
    "page 1 (created_at desc, 20)": `select * from public.records where service_id = '${gridEvent}' order by created_at desc limit 20`,
    "exact count": `select count(*) from public.records where service_id = '${gridEvent}'`,
    "status filter, page 1": `select * from public.records where service_id = '${gridEvent}' and status = 'reported' order by created_at desc limit 20`,
  };
  for (const email of ["grid@demo.local", "staff@demo.local", "leader@demo.local"]) {
    const {
      rows: [user],
    } = await client.query<{ id: string }>("select id from auth.users where email = $1", [email]);
    await client.query("set local role authenticated");
    await client.query("select set_config('request.jwt.claims', $1, true)", [JSON.stringify({ sub: user.id, role: "authenticated" })]);
    const {
      rows: [{ visible }],
    } = await client.query<{ visible: string }>(`select count(*) visible from public.records where service_id = '${gridEvent}'`);
    console.log(`\n── ${email}: ${visible} grid_event records visible of ${TOTAL}`);
    for (const [title, sql] of Object.entries(queries)) {
      const { rows } = await client.query<{ "QUERY PLAN": string }>(`explain (analyze, buffers, costs off, summary on) ${sql}`);
      console.log(`\n[${title}]\n${rows.map((r) => r["QUERY PLAN"]).join("\n")}`);
    }
    await client.query("reset role");
  }

  // One record's history as the grid worker: events follow their record's visibility.
  const {
    rows: [grid],
  } = await client.query<{ id: string }>("select id from auth.users where email = 'grid@demo.local'");
  await client.query("set local role authenticated");
  await client.query("select set_config('request.jwt.claims', $1, true)", [JSON.stringify({ sub: grid.id, role: "authenticated" })]);
  const {
    rows: [someRecord],
  } = await client.query<{ id: string }>(`select id from public.records where service_id = '${gridEvent}' limit 1`);
  const { rows: history } = await client.query<{ "QUERY PLAN": string }>(
    `explain (analyze, costs off, summary on) select * from public.record_events where record_id = '${someRecord.id}' order by id`,
  );
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
} catch (e) {
  if (!(e instanceof Done)) throw e;
} finally {
  await client.query("rollback");
  await client.end();
}
