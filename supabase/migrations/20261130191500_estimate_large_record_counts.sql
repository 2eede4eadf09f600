-- Record lists count exactly up to 50,000 visible records and show the planner's "约 N" beyond
-- (issue 11): at a million records a county leader's exact count is the slow part of page 1.
-- PostgREST's count=estimated already counts exactly up to db-max-rows (a LIMIT db-max-rows + 1
-- count) and takes the planner's estimate beyond it, so db-max-rows becomes 50,000 (in-database
-- configuration, which hosted Supabase honours like the existing db_pre_request). Its estimate
-- under the records policy is blind to the caller's scope, so estimate_record_count gives the
-- list a scope-aware one, from statistics on (service_id, org_unit_id) kept by ANALYZE.
-- Routines between "-- routine:" and "-- end routine" are copies written by
-- `npm run db:migration`; edit supabase/routines/, never the copy.

-- Hand-written DDL the routines rely on (tables, columns, types), or nothing.

-- routine: supabase/routines/private/visible_records_estimate.sql
-- The planner's estimate of one service's records in the units where the caller may read it
-- (my_record_scope('read')), optionally only in one unit's subtree: the base of a list's "约 N"
-- once the list holds more than PostgREST counts exactly (db-max-rows). The units go into the
-- planned query as values, so the planner reads the statistics of exactly those units
-- (records_service_unit_stats) instead of guessing at the policy's arrays, which PostgREST's own
-- estimate does (a county leader's 100 % came out at a few per cent). Nothing is read but
-- statistics. Records the caller took part in elsewhere are left out: a handful against 50,000.
-- security definer: reads the caller's own grants and plans past RLS; it answers one number
-- about units the caller reads anyway. volatile: Postgres refuses EXPLAIN in a stable function.
create or replace function private.visible_records_estimate(p_service_id uuid, p_unit_id uuid) returns bigint
language plpgsql volatile security definer set search_path = '' as $$
declare
  units uuid[];
  plan json;
begin
  select coalesce(array_agg(distinct s.org_unit_id), '{}') into units
    from private.my_record_scope('read') s
    join public.org_units u on u.id = s.org_unit_id
   where s.service_id = p_service_id
     -- paths are ids joined by "." and ids have one length, so a prefix is exactly the subtree
     and (p_unit_id is null or u.path like (select p.path from public.org_units p where p.id = p_unit_id) || '%');
  if cardinality(units) = 0 then
    return 0;
  end if;
  execute format('explain (format json) select 1 from public.records r where r.deleted_at is null and r.service_id = %L and r.org_unit_id = any (%L::uuid[])',
                 p_service_id, units)
    into plan;
  return (plan -> 0 -> 'Plan' ->> 'Plan Rows')::bigint;
end;
$$;

revoke execute on function private.visible_records_estimate(uuid, uuid) from public, anon;
grant execute on function private.visible_records_estimate(uuid, uuid) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/public/estimate_record_count.sql
-- "约 N" for a record list holding more than PostgREST counts exactly (db-max-rows = 50,000; the
-- list asks count=estimated, which is an exact count up to that and the planner's guess under
-- RLS beyond). The estimate is the planner's count of the service's records in the caller's
-- units (private.visible_records_estimate, under p_unit_id when the list is narrowed to a
-- subtree), scaled by how much the list's other filters narrow it: p_planned is PostgREST's
-- planned count of the list's query (count=planned, without the subtree filter), divided by the
-- planned count of the service alone under the same policy, so the policy's guess cancels out.
-- security invoker: the service-alone plan is the caller's own, with their policy.
-- Errors: none; a service the caller cannot read estimates 0.
create or replace function public.estimate_record_count(p_service_id uuid, p_unit_id uuid default null, p_planned bigint default null) returns bigint
language plpgsql volatile security invoker set search_path = '' as $$
declare
  base bigint := private.visible_records_estimate(p_service_id, p_unit_id);
  plan json;
  unfiltered bigint;
begin
  if p_planned is null or base = 0 then
    return base;
  end if;
  execute format('explain (format json) select 1 from public.records r where r.service_id = %L', p_service_id) into plan;
  unfiltered := greatest((plan -> 0 -> 'Plan' ->> 'Plan Rows')::bigint, 1);
  return round(base * least(1.0, greatest(p_planned, 0)::numeric / unfiltered));
end;
$$;

revoke execute on function public.estimate_record_count(uuid, uuid, bigint) from public, anon;
grant execute on function public.estimate_record_count(uuid, uuid, bigint) to authenticated, service_role;
-- end routine

-- Hand-written DDL that names the routines (triggers, policies, grants), or nothing.

-- Records per (service, unit) pair, for estimates that name both: without them the planner
-- multiplies the two columns' frequencies as if services were spread evenly over units.
create statistics if not exists public.records_service_unit_stats (mcv, ndistinct) on service_id, org_unit_id from public.records;
analyze public.records;

-- Also the most rows one request returns (hosted's default is 1,000; lists page at ≤ 100 and
-- exports at exportPageSize); src/data/recordCounts.ts names the same number.
alter role authenticator set pgrst.db_max_rows = '50000';
notify pgrst, 'reload config';
