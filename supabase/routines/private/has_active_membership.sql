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
