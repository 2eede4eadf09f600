-- The units where the caller may do p_action (read, create, update, export, view_sensitive …) on
-- some service: the subtrees of their active memberships whose role is granted that action.
-- Policies call it as `= any ((select …))` (once per statement); triggers and RPCs call it per
-- row, so the answer is kept for the rest of the transaction (scope_cache_get: same user, no
-- change to memberships, grants, org units or services since).
-- security definer: reads memberships and grants without their policies.
create or replace function private.my_scope_units(p_action text) returns uuid[]
language plpgsql stable security definer set search_path = '' as $$
declare
  cache_name text := case when p_action ~ '^[a-z_]{1,40}$' then 'units_' || p_action end;
  cached text := case when cache_name is not null then private.scope_cache_get(cache_name) end;
  units uuid[];
begin
  if cached is not null then
    return cached::uuid[];
  end if;
  select coalesce(array_agg(distinct unit.id), '{}') into units
    from public.memberships m
    join public.org_units mine on mine.id = m.org_unit_id
    join public.org_units unit on unit.path = mine.path or unit.path like mine.path || '.%'
   where m.user_id = (select auth.uid()) and m.status = 'active'
     and exists (select 1 from public.service_role_grants g where g.role_key = m.role_key and g.action = p_action);
  if cache_name is not null then
    perform private.scope_cache_put(cache_name, units::text);
  end if;
  return units;
end;
$$;
