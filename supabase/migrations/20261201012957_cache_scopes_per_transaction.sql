-- The caller's scopes (my_scope_units, my_registry_units, has_active_membership) are kept for
-- the rest of the transaction. Policies ask once per statement, but triggers and the import's
-- rows ask per row: for 500 residents with households, 2,751 my_scope_units, 2,125
-- my_registry_units and 2,128 has_active_membership calls were 1.2 s of a 2.25 s call. The cache
-- is a transaction-local setting per scope stamped with the caller's claims and an epoch that a
-- statement trigger on memberships, service_role_grants, org_units, services and
-- service_versions raises, so a transaction that changes what a scope is made of computes it
-- again (scope_cache_get).
-- Routines between "-- routine:" and "-- end routine" are copies written by
-- `npm run db:migration`; edit supabase/routines/, never the copy.

-- Hand-written DDL the routines rely on (tables, columns, types), or nothing.

-- routine: supabase/routines/private/scope_cache_stamp.sql
-- What a cached scope is valid for (scope_cache_get): the caller's claims as PostgREST (or a
-- test, or an RPC acting for a user) set them — the text, not auth.uid(), which parses the JSON
-- on every call and was the cache's own largest cost — and the transaction's scope epoch
-- (bump_scope_epoch).
create or replace function private.scope_cache_stamp() returns text
language sql stable set search_path = '' as $$
  select coalesce(current_setting('request.jwt.claim.sub', true), '') || '|' || coalesce(current_setting('request.jwt.claims', true), '')
         || '@' || coalesce(current_setting('app.scope_epoch', true), '')
$$;

revoke execute on function private.scope_cache_stamp() from public, anon;
grant execute on function private.scope_cache_stamp() to authenticated, service_role, anon;
-- end routine

-- routine: supabase/routines/private/bump_scope_epoch.sql
-- AFTER … FOR EACH STATEMENT on the tables a scope is made of (memberships, service_role_grants,
-- org_units, services, service_versions): a new epoch for this transaction, so every scope cached
-- before the change (scope_cache_get) is computed again.
create or replace function private.bump_scope_epoch() returns trigger
language plpgsql set search_path = '' as $$
begin
  perform set_config('app.scope_epoch', (coalesce(nullif(current_setting('app.scope_epoch', true), ''), '0')::bigint + 1)::text, true);
  return null;
end;
$$;

revoke execute on function private.bump_scope_epoch() from public, anon;
-- end routine

-- routine: supabase/routines/private/has_active_membership.sql
-- Does the caller hold at least one active membership? Wrapped as (select …) in policies so it
-- runs once per query; the partial index memberships_user_id_idx (where status = 'active')
-- answers it. Kept for the rest of the transaction (scope_cache_get).
-- security definer: reads memberships without depending on their read policies.
create or replace function private.has_active_membership() returns boolean
language plpgsql stable security definer set search_path = '' as $$
declare
  cached text := private.scope_cache_get('has_membership');
begin
  if cached is not null then
    return cached::boolean;
  end if;
  return private.scope_cache_put('has_membership',
    exists (select 1 from public.memberships m where m.user_id = (select auth.uid()) and m.status = 'active')::text)::boolean;
end;
$$;

revoke execute on function private.has_active_membership() from public, anon;
grant execute on function private.has_active_membership() to authenticated, service_role;
-- anon too: the restrictive policies on storage.objects (20261130040200) hold for anon callers
-- as well, and Postgres checks EXECUTE on every function a policy calls.
grant execute on function private.has_active_membership() to anon;
-- end routine

-- routine: supabase/routines/private/my_registry_units.sql
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
-- end routine

-- routine: supabase/routines/private/my_scope_units.sql
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
-- end routine

-- routine: supabase/routines/private/scope_cache_get.sql
-- The caller's access scope (my_scope_units, my_registry_units, has_active_membership), kept for
-- the rest of the transaction: a policy, a trigger's check_registry_scope and an import's every
-- row each asked for it again, and computing it (memberships joined to the org tree and the
-- grants) was most of an import row's cost (issue 12: 2,751 calls for 500 rows with households).
-- The cache is a transaction-local setting `app.scope_cache_<name>` holding
-- "<stamp>#<value>" (scope_cache_stamp): read back only for the same claims (they may change
-- within a transaction) and the same epoch, which bump_scope_epoch raises after any write to the
-- tables a scope is made of (memberships, service_role_grants, org_units, services,
-- service_versions), so a transaction that changes them sees the change at once. A rolled-back
-- subtransaction takes its settings back with it. What another transaction commits meanwhile is
-- seen by the next transaction (PostgREST: the next request), not within this one.
-- Returns the cached value, or null when there is none for this user and epoch.
create or replace function private.scope_cache_get(p_name text) returns text
language sql stable set search_path = '' as $$
  select case when starts_with(c.value, s.stamp || '#') then substr(c.value, char_length(s.stamp) + 2) end
    from (select current_setting('app.scope_cache_' || p_name, true) as value) c, (select private.scope_cache_stamp() as stamp) s
$$;

revoke execute on function private.scope_cache_get(text) from public, anon;
grant execute on function private.scope_cache_get(text) to authenticated, service_role;
-- anon too: has_active_membership runs in storage's policies for anon callers
grant execute on function private.scope_cache_get(text) to anon;
-- end routine

-- routine: supabase/routines/private/scope_cache_put.sql
-- Keeps a scope for the rest of the transaction (scope_cache_get says when it is read back);
-- returns the value, so a function can end with `return private.scope_cache_put(…)`.
create or replace function private.scope_cache_put(p_name text, p_value text) returns text
language sql volatile set search_path = '' as $$
  select set_config('app.scope_cache_' || p_name, private.scope_cache_stamp() || '#' || p_value, true);
  select p_value
$$;

revoke execute on function private.scope_cache_put(text, text) from public, anon;
grant execute on function private.scope_cache_put(text, text) to authenticated, service_role, anon;
-- end routine


-- Hand-written DDL that names the routines (triggers, policies, grants), or nothing.
create trigger memberships_bump_scope_epoch after insert or update or delete or truncate on public.memberships
  for each statement execute function private.bump_scope_epoch();
create trigger service_role_grants_bump_scope_epoch after insert or update or delete or truncate on public.service_role_grants
  for each statement execute function private.bump_scope_epoch();
create trigger org_units_bump_scope_epoch after insert or update or delete or truncate on public.org_units
  for each statement execute function private.bump_scope_epoch();
create trigger services_bump_scope_epoch after insert or update or delete or truncate on public.services
  for each statement execute function private.bump_scope_epoch();
create trigger service_versions_bump_scope_epoch after insert or update or delete or truncate on public.service_versions
  for each statement execute function private.bump_scope_epoch();
