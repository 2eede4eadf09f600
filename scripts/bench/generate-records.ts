// Generates realistic records for the benchmark, in bulk SQL as the superuser.
//
// What runs: every trigger on `records` stays on. The insert runs in the engine's 'import'
// mode (as supabase/seed/30_demo_records.sql does), so records_before_insert keeps the given
// status, dates and unit instead of forcing the initial state; the data validation trigger
// checks every record against its frozen service version; the 'created' history event and
// the attachment index rows are written by their triggers.
// What is bypassed: the workflow RPCs. Each record is inserted directly in its final state
// (escalated states at the community or street, as the escalations would have moved them),
// so the history holds one 'created' event per record rather than every intermediate step.
// The answers come from the demo seed's own generator (scripts/generate-demo-records.ts):
// pg_temp.answers_at is its record_answers plus what the transitions leading to the state add.
import type pg from "pg";
import { recordAnswerFunctions } from "../generate-demo-records.ts";
import { escalatedShare, serviceMix } from "./record-states.ts";

export type GenerateOptions = {
  total: number;
  /** Official code of the unit whose subtree receives `scopedShare` of the records. */
  scopedUnitCode: string;
  scopedShare: number;
  batchSize: number;
  log: (line: string) => void;
};

const RECENT_DAYS = 60;

async function prepare(client: pg.Client, o: GenerateOptions): Promise<{ scopedGrids: number; otherGrids: number }> {
  await client.query(recordAnswerFunctions);
  // Every grid with its community, street, county code and a place name for addresses.
  await client.query(
    `create temporary table bench_grids as
     select g.id, c.id as community_id, s.id as street_id, left(g.code, 6) as county,
            pg_temp.place_name(g.path) as place,
            g.path like scoped.path || '.%' as in_scope,
            row_number() over (partition by g.path like scoped.path || '.%' order by g.code)::int as bucket_i
       from public.org_units g
       join public.org_units c on c.id = g.parent_id
       join public.org_units s on s.id = c.parent_id
       cross join (select path from public.org_units where code = $1) scoped
      where g.level = 'grid'`,
    [o.scopedUnitCode],
  );
  const mixRows = serviceMix.flatMap((service) =>
    Object.entries(service.states).map(([state, share]) => [service.key, state, share.recent, share.old, share.lift]),
  );
  await client.query(
    `create temporary table bench_states as
     with mix (service_key, state, recent, old, lift) as (
       select * from jsonb_to_recordset($1::jsonb) as m(service_key text, state text, recent int, old int, lift int)
     ), defined as (
       select s.key as service_key, s.id as service_id, s.current_version as version, st ->> 'key' as state,
              coalesce(st -> 'terminal' = 'true'::jsonb, false) as terminal, (st ->> 'slaHours')::numeric as sla_hours
         from public.services s
         join public.service_versions v on v.service_id = s.id and v.version = s.current_version
         cross join lateral jsonb_array_elements(v.definition #> '{workflow,states}') st
     )
     select m.service_key, d.service_id, d.version, m.state, d.terminal, d.sla_hours, m.lift, b.bucket,
            sum(case b.bucket when 'recent' then m.recent else m.old end) over w as cum,
            sum(case b.bucket when 'recent' then m.recent else m.old end) over (partition by m.service_key, b.bucket) as total
       from mix m
       left join defined d on d.service_key = m.service_key and d.state = m.state
       cross join (values ('recent'), ('old')) b(bucket)
     window w as (partition by m.service_key, b.bucket order by m.state rows unbounded preceding)`,
    [JSON.stringify(mixRows.map(([service_key, state, recent, old, lift]) => ({ service_key, state, recent, old, lift })))],
  );
  const unknown = await client.query<{ service_key: string; state: string }>("select distinct service_key, state from bench_states where service_id is null");
  if (unknown.rows.length) {
    throw new Error(`record-states.ts names states the published definitions lack: ${unknown.rows.map((r) => `${r.service_key}.${r.state}`).join(", ")}`);
  }
  const counts = await client.query<{ in_scope: boolean; n: number }>("select in_scope, count(*)::int as n from bench_grids group by in_scope");
  const count = (inScope: boolean) => counts.rows.find((r) => r.in_scope === inScope)?.n ?? 0;
  if (!count(true)) throw new Error(`No grids under unit ${o.scopedUnitCode}`);
  return { scopedGrids: count(true), otherGrids: count(false) };
}

// One batch: random draws per slot, then a grid (the scoped subtree with probability
// scopedShare), a filing date within the last year, a state by the age of the record, the unit
// the state has moved it to, and the answers.
const insertBatch = (serviceCuts: { key: string; upTo: number }[]) => `
with slot as materialized (
  select random() a, random() b, random() c, random() d, random() e, random() f, random() h, random() k
    from generate_series(1, $1::int)
), placed as materialized (
  select case ${serviceCuts.map((s) => `when a < ${s.upTo} then '${s.key}'`).join(" ")} else '${serviceCuts.at(-1)!.key}' end as service_key,
         b < $2::float8 as in_scope, 1 + floor(c * case when b < $2::float8 then $3::int else $4::int end)::int as bucket_i,
         now() - d * interval '365 days' as created_at, e, f, h, k
    from slot
), chosen as (
  select p.*, st.service_id, st.version, st.state, st.terminal, st.sla_hours,
         case when p.service_key = 'grid_event' and st.state in ('resolved', 'closed')
              then case when p.h < ${escalatedShare.street} then 2 when p.h < ${escalatedShare.street + escalatedShare.community} then 1 else 0 end
              else st.lift end as lift,
         p.created_at + p.e * least(now() - p.created_at, interval '30 days') as updated_at
    from placed p
    cross join lateral (
      select * from bench_states s
       where s.service_key = p.service_key
         and s.bucket = case when p.created_at > now() - interval '${RECENT_DAYS} days' then 'recent' else 'old' end
         and p.f * s.total < s.cum
       order by s.cum limit 1) st
)
insert into public.records (service_id, service_version, org_unit_id, status, due_at, data, is_synthetic,
                            created_at, updated_at, deleted_at)
select c.service_id, c.version, case c.lift when 0 then g.id when 1 then g.community_id else g.street_id end, c.state,
       case when c.terminal or c.sla_hours is null then null else c.updated_at + c.sla_hours * interval '1 hour' end,
       pg_temp.answers_at(c.service_key, c.state, c.lift, g.id, g.community_id, g.county, g.place),
       true, c.created_at, c.updated_at, case when c.k < 0.005 then c.updated_at end
  from chosen c
  join bench_grids g on g.in_scope = c.in_scope and g.bucket_i = c.bucket_i`;

export async function generateRecords(client: pg.Client, o: GenerateOptions): Promise<void> {
  const { scopedGrids, otherGrids } = await prepare(client, o);
  let upTo = 0;
  const cuts = serviceMix.map((s) => ({ key: s.key, upTo: (upTo += s.share) }));
  const sql = insertBatch(cuts);
  const began = Date.now();
  for (let done = 0; done < o.total;) {
    const size = Math.min(o.batchSize, o.total - done);
    await client.query("begin");
    await client.query("select set_config('app.record_write', 'import', true)");
    const { rowCount } = await client.query(sql, [size, o.scopedShare, scopedGrids, otherGrids]);
    await client.query("commit");
    if (rowCount !== size) throw new Error(`batch inserted ${rowCount} of ${size} records`);
    done += size;
    const seconds = (Date.now() - began) / 1000;
    o.log(`  ${done.toLocaleString("en")} / ${o.total.toLocaleString("en")} records (${seconds.toFixed(0)} s, ${Math.round(done / seconds)}/s)`);
  }
}
