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
