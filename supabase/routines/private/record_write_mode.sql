-- Whether the running transaction is one of the engine's own writes: the record RPCs
-- ('rpc') or a SQL import such as the demo seed ('import'). PostgREST clients cannot set it.
create or replace function private.record_write_mode() returns text
language sql stable set search_path = '' as $$
  select coalesce(nullif(current_setting('app.record_write', true), ''), 'api')
$$;
