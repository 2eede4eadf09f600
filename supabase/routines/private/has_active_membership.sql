-- Does the caller hold at least one active membership? Wrapped as (select …) in policies so it
-- runs once per query; the partial index memberships_user_id_idx (where status = 'active')
-- answers it.
-- security definer: reads memberships without depending on their read policies.
create or replace function private.has_active_membership() returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from public.memberships m where m.user_id = (select auth.uid()) and m.status = 'active')
$$;

revoke execute on function private.has_active_membership() from public, anon;
grant execute on function private.has_active_membership() to authenticated, service_role;
-- anon too: the restrictive policies on storage.objects (20261130040200) hold for anon callers
-- as well, and Postgres checks EXECUTE on every function a policy calls.
grant execute on function private.has_active_membership() to anon;
