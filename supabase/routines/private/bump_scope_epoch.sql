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
