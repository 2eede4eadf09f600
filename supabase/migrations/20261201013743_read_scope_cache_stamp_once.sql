-- scope_cache_get in plpgsql: the stamp is computed once per call, not once per reference (profiling 500 imported residents with households: 14,008 scope_cache_stamp calls for 7,004 lookups, 250 ms).
-- Routines between "-- routine:" and "-- end routine" are copies written by
-- `npm run db:migration`; edit supabase/routines/, never the copy.

-- Hand-written DDL the routines rely on (tables, columns, types), or nothing.

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
-- plpgsql: the stamp is computed once (an SQL body evaluated it once per reference, and a
-- function with a SET clause is never inlined, so each call costs its own setup).
create or replace function private.scope_cache_get(p_name text) returns text
language plpgsql stable set search_path = '' as $$
declare
  stamp text := private.scope_cache_stamp() || '#';
  kept text := current_setting('app.scope_cache_' || p_name, true);
begin
  if starts_with(kept, stamp) then
    return substr(kept, char_length(stamp) + 1);
  end if;
  return null;
end;
$$;

revoke execute on function private.scope_cache_get(text) from public, anon;
grant execute on function private.scope_cache_get(text) to authenticated, service_role;
-- anon too: has_active_membership runs in storage's policies for anon callers
grant execute on function private.scope_cache_get(text) to anon;
-- end routine

-- Hand-written DDL that names the routines (triggers, policies, grants), or nothing.
