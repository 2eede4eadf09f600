-- Keeps a scope for the rest of the transaction (scope_cache_get says when it is read back);
-- returns the value, so a function can end with `return private.scope_cache_put(…)`.
create or replace function private.scope_cache_put(p_name text, p_value text) returns text
language sql volatile set search_path = '' as $$
  select set_config('app.scope_cache_' || p_name, private.scope_cache_stamp() || '#' || p_value, true);
  select p_value
$$;

revoke execute on function private.scope_cache_put(text, text) from public, anon;
grant execute on function private.scope_cache_put(text, text) to authenticated, service_role, anon;
