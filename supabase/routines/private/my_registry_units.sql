-- The units whose people the caller reads through the registry's scope (docs/residents.md, Scope):
-- the subtrees of their active memberships whose role either reads a service that links people —
-- one whose current published definition has a top-level field of type `resident` (the registry
-- serves those services, and reading their records shows the people anyway) — or may update
-- records of some service (the registry's writers keep reading what they write: my_scope_units
-- ('update') stays a subset). Minimum necessary (PIPL): a role that only reads services about
-- things, not people (a volunteer reading 网格事件), reads nobody. The participant arm is the
-- policies' own (my_participated_residents). An archived service keeps its current version and
-- its grants (its records are still read), so it still counts.
-- One array for the policies' `= any ((select …))`: evaluated once per statement (an initplan),
-- and kept for the rest of the transaction (scope_cache_get), as triggers ask per row.
-- plpgsql, not sql: its query plan is cached for the session (PostgREST's pooled connections).
-- security definer: reads memberships, grants and service versions without their policies.
create or replace function private.my_registry_units() returns uuid[]
language plpgsql stable security definer set search_path = '' as $$
declare
  cached text := private.scope_cache_get('registry_units');
begin
  if cached is not null then
    return cached::uuid[];
  end if;
  return private.scope_cache_put('registry_units', (select coalesce(array_agg(distinct unit.id), '{}')
    from public.memberships m
    join public.org_units mine on mine.id = m.org_unit_id
    join public.org_units unit on unit.path = mine.path or unit.path like mine.path || '.%'
   where m.user_id = (select auth.uid()) and m.status = 'active'
     and (exists (select 1 from public.service_role_grants g where g.role_key = m.role_key and g.action = 'update')
          or exists (select 1
                       from public.service_role_grants g
                       join public.services s on s.id = g.service_id
                       join public.service_versions v on v.service_id = s.id and v.version = s.current_version
                      where g.role_key = m.role_key and g.action = 'read'
                        and v.definition -> 'fields' @> '[{"type": "resident"}]')))::text)::uuid[];
end;
$$;

revoke execute on function private.my_registry_units() from public, anon;
grant execute on function private.my_registry_units() to authenticated, service_role;
