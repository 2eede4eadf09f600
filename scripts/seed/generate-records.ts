// The one record generator at scale, shared by `npm run seed` and `npm run bench`: plans records
// in TypeScript (record-plan.ts: service, state, filing time, grid, people — seeded, so the same
// seed gives the same plan), then writes each batch in one INSERT … SELECT through the engine's
// own triggers, so a seeded record is what the app would hold:
// - answers from the demo seed's generator (scripts/generate-demo-records.ts: pg_temp.answers_at,
//   what a resident gives plus what the transitions leading to the state add);
// - every trigger on `records` stays on, in the engine's 'import' mode (as the demo seed):
//   records_before_insert keeps the given state, dates and unit (after the service/unit checks),
//   the validation trigger checks the answers against the frozen version, the sensitive values
//   are split off and blind-indexed, the creator becomes a participant, the 'created' event and
//   the attachment rows are written;
// - due_at is what the database gives a record entering its state then (private.record_due_at,
//   with the work calendar), so open records filed long ago are overdue, as they would be;
// - a record past its initial state gets one 'transition' history event by a staff member of its
//   community (the street for a record escalated there): note_event_actor makes them a participant.
// Every record is is_synthetic (the demo's mark). Not done: the intermediate workflow steps (one
// transition event stands for the walk), and assignees.
import type pg from "pg";
import { recordAnswerFunctions } from "../generate-demo-records.ts";
import { serviceMix } from "../bench/record-states.ts";
import { batchSeed, installedMix, planBatch, seededRandom, type GridCounts } from "./record-plan.ts";

export type GenerateOptions = {
  total: number;
  /** Same seed, same database → the same records (ids and file paths aside). */
  seed?: number;
  batchSize?: number;
  /** Filing dates spread over this many days back from now (default two years). */
  days?: number;
  /** The benchmark's scoped user: official code of the unit whose subtree gets `scopedShare` of the records. */
  scopedUnitCode?: string;
  scopedShare?: number;
  now?: Date;
  onBatch?: (done: number, total: number) => void;
};

export type GenerateResult = { inserted: number; seconds: number; services: string[]; skipped: string[] };

/** Session-local helpers and the lookup tables every batch joins; run once per connection. */
async function prepare(client: pg.Client, scopedUnitCode: string | null): Promise<GridCounts> {
  await client.query("set statement_timeout = 0");
  await client.query(recordAnswerFunctions);
  await client.query(
    `create temporary table seed_services on commit preserve rows as
     select s.key, s.id as service_id, s.current_version as version, v.definition, v.definition #>> '{workflow,initial}' as initial
       from public.services s
       join public.service_versions v on v.service_id = s.id and v.version = s.current_version
      where s.status = 'published'`,
  );
  // One transition into each state, for the history event of a record standing there.
  await client.query(
    `create temporary table seed_transitions as
     select distinct on (s.key, t ->> 'to') s.key as service_key, t ->> 'to' as state, t ->> 'key' as transition_key,
            t -> 'from' ->> 0 as from_status, coalesce(t -> 'requireComment' = 'true'::jsonb, false) as needs_comment
       from seed_services s
      cross join lateral jsonb_array_elements(s.definition #> '{workflow,transitions}') with ordinality as x(t, n)
      order by s.key, t ->> 'to', x.n`,
  );
  // Every grid a service serves (its owner's subtree), with the people who file and handle there:
  // creators are the grid's workers and the community's staff, actors the community's staff (the
  // street's for records escalated to the street). Demo members only: most units have none.
  await client.query(
    `create temporary table seed_grids as
     with people as (
       select m.org_unit_id, m.role_key, array_agg(m.user_id order by m.user_id) as ids
         from public.memberships m where m.status = 'active' group by 1, 2
     )
     select s.key as service_key, g.id, c.id as community_id, st.id as street_id, left(g.code, 6) as county,
            pg_temp.place_name(g.path) as place, coalesce(g.path like scoped.path || '.%', false) as in_scope,
            row_number() over (partition by s.key, coalesce(g.path like scoped.path || '.%', false) order by g.code)::int as grid_i,
            array(select unnest(p.ids) from people p where (p.org_unit_id = g.id and p.role_key = 'grid_worker')
                                                       or (p.org_unit_id = c.id and p.role_key in ('staff', 'community_admin'))) as creators,
            array(select unnest(p.ids) from people p where p.org_unit_id = c.id and p.role_key in ('staff', 'community_admin')) as actors,
            array(select unnest(p.ids) from people p where p.org_unit_id = st.id and p.role_key = 'staff') as street_actors
       from seed_services s
       join public.services sv on sv.id = s.service_id
       join public.org_units owner on owner.id = sv.owner_org_unit_id
       join public.org_units g on g.level = 'grid' and (g.path = owner.path or g.path like owner.path || '.%')
       join public.org_units c on c.id = g.parent_id
       join public.org_units st on st.id = c.parent_id
       left join (select path from public.org_units where code = $1) scoped on true`,
    [scopedUnitCode],
  );
  const mixStates = serviceMix.flatMap((s) => Object.keys(s.states).map((state) => ({ key: s.key, state })));
  const unknown = await client.query<{ key: string; state: string }>(
    `select m.key, m.state from jsonb_to_recordset($1::jsonb) as m(key text, state text)
       join seed_services s on s.key = m.key
      where not exists (select 1 from jsonb_array_elements(s.definition #> '{workflow,states}') st where st ->> 'key' = m.state)`,
    [JSON.stringify(mixStates)],
  );
  if (unknown.rows.length) {
    throw new Error(`record-states.ts names states the published definitions lack: ${unknown.rows.map((r) => `${r.key}.${r.state}`).join(", ")}`);
  }
  const counts = await client.query<{ service_key: string; in_scope: boolean; n: number }>(
    "select service_key, in_scope, count(*)::int as n from seed_grids group by 1, 2",
  );
  const grids: GridCounts = {};
  for (const row of counts.rows) {
    grids[row.service_key] ??= { inScope: 0, outOfScope: 0 };
    grids[row.service_key][row.in_scope ? "inScope" : "outOfScope"] = row.n;
  }
  return grids;
}

// One batch: the plan as JSON, answers drawn in plan order (setseed before), one INSERT through
// the triggers, then the history event of every record past its initial state.
const INSERT_BATCH = `
with plan as (
  select p.*, x.n
    from jsonb_array_elements($1::jsonb) with ordinality as x(item, n)
   cross join lateral jsonb_populate_record(null::pg_temp.seed_plan, x.item) p
), placed as materialized (
  select p.*, s.service_id, s.version, s.definition, s.initial, g.id as grid_id, g.community_id, g.street_id, g.county, g.place,
         g.creators[1 + floor(p.creator_u * cardinality(g.creators))::int] as creator,
         case when p.state = s.initial then null
              when p.lift = 2 then g.street_actors[1 + floor(p.actor_u * cardinality(g.street_actors))::int]
              else g.actors[1 + floor(p.actor_u * cardinality(g.actors))::int] end as actor
    from plan p
    join seed_services s on s.key = p.service_key
    join seed_grids g on g.service_key = p.service_key and g.in_scope = p.in_scope and g.grid_i = p.grid_i
), answered as materialized (
  select a.*, pg_temp.answers_at(a.service_key, a.state, a.lift, a.grid_id, a.community_id, a.county, a.place) as data
    from (select * from placed order by n) a
), inserted as (
  insert into public.records (service_id, service_version, org_unit_id, status, due_at, data, is_synthetic,
                              created_at, created_by, updated_at, updated_by, deleted_at)
  select a.service_id, a.version, case a.lift when 0 then a.grid_id when 1 then a.community_id else a.street_id end, a.state,
         private.record_due_at(a.definition, a.state, a.data, case when a.state = a.initial then a.created_at else a.updated_at end),
         a.data, true, a.created_at, a.creator, a.updated_at, coalesce(a.actor, a.creator), case when a.deleted then a.updated_at end
    from answered a
  returning id, service_id, org_unit_id, status, updated_at, updated_by
)
insert into public.record_events (record_id, service_id, org_unit_id, kind, from_status, to_status, transition_key, comment, actor, created_at)
select i.id, i.service_id, i.org_unit_id, 'transition', t.from_status, i.status, t.transition_key,
       case when t.needs_comment then '经核实情况属实，按规定办理。' end, i.updated_by, i.updated_at
  from inserted i
  join seed_services s on s.service_id = i.service_id
  join seed_transitions t on t.service_key = s.key and t.state = i.status
 where i.status <> s.initial`;

const PLAN_TYPE = `create type pg_temp.seed_plan as (service_key text, state text, lift int, created_at timestamptz, updated_at timestamptz,
  deleted boolean, in_scope boolean, grid_i int, creator_u float8, actor_u float8)`;

/**
 * Inserts `o.total` synthetic records, batches spread over the given connections (one batch per
 * transaction each; two connections keep both cores busy). Each client must be connected as a
 * role that may write `records` directly (the local stack's `postgres`).
 */
export async function generateRecords(clients: pg.Client[], o: GenerateOptions): Promise<GenerateResult> {
  const seed = o.seed ?? 2026;
  const batchSize = o.batchSize ?? 2_000;
  const now = o.now ?? new Date();
  const days = o.days ?? 730;
  const scopedShare = o.scopedUnitCode ? (o.scopedShare ?? 0.1) : 0;
  let grids: GridCounts = {};
  for (const client of clients) {
    grids = await prepare(client, o.scopedUnitCode ?? null);
    await client.query(PLAN_TYPE);
  }
  const services = installedMix(grids).map((s) => s.key);
  const skipped = (await clients[0].query<{ key: string }>("select key from seed_services order by key")).rows
    .map((r) => r.key)
    .filter((key) => !services.includes(key));
  if (!services.length) throw new Error("没有可生成记录的已发布服务 / no published service the generator knows has grids");
  const batches = Math.ceil(o.total / batchSize);
  const began = Date.now();
  let next = 0;
  let done = 0;
  const work = async (client: pg.Client) => {
    for (let k = next++; k < batches; k = next++) {
      const size = Math.min(batchSize, o.total - k * batchSize);
      const plan = planBatch(seededRandom(batchSeed(seed, k)), size, { now, days, scopedShare, grids });
      await client.query("begin");
      try {
        await client.query("select set_config('app.record_write', 'import', true), setseed($1)", [(batchSeed(seed, k) / 4294967296) * 2 - 1]);
        await client.query(INSERT_BATCH, [JSON.stringify(plan)]);
        await client.query("commit");
      } catch (e) {
        await client.query("rollback").catch(() => undefined);
        throw e;
      }
      done += size;
      o.onBatch?.(done, o.total);
    }
  };
  await Promise.all(clients.map(work));
  return { inserted: done, seconds: (Date.now() - began) / 1000, services, skipped };
}
