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
