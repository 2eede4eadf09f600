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
