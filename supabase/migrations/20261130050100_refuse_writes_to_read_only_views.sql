-- Writes to a read-only view answer 4xx, not 500 (issue #7, item 6).
--
-- public.members joins four tables, so Postgres cannot update it automatically. The rewriter
-- refuses an INSERT/UPDATE/DELETE on such a view ("cannot insert into view", SQLSTATE 55000)
-- before the executor ever checks privileges, and PostgREST answers 55000 with 500 — for anon
-- too. Revoking the write privileges (20261130010000 grants only SELECT) is therefore not
-- enough on its own.
--
-- An INSTEAD OF trigger makes the rewriter accept the statement, so the privilege check runs
-- next: without a write grant PostgREST answers 401 (anon) or 403 (authenticated) with 42501.
-- A role that does hold a write privilege (only the owner) reaches the trigger, which refuses
-- with PT405 — 405 Method Not Allowed — and a bilingual hint.
--
-- Every view in public that Postgres cannot update by itself gets the triggers here;
-- tests/db/read-only-views.test.ts fails for any later view without them.

-- routine: supabase/routines/private/refuse_view_write.sql
create or replace function private.refuse_view_write() returns trigger
language plpgsql set search_path = '' as $$
begin
  raise exception using errcode = 'PT405', message = 'view_read_only',
    hint = format('%s 是只读视图，请通过相应的功能修改 / %s is a read-only view; change the underlying data through its own API',
                  tg_table_name, tg_table_name);
end;
$$;

revoke execute on function private.refuse_view_write() from public, anon, authenticated, service_role;
-- end routine

do $$
declare
  v record;
begin
  for v in
    select c.relname
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind = 'v'
       and (pg_relation_is_updatable(c.oid, false) & 28) <> 28 -- not insertable, updatable and deletable
  loop
    execute format('create trigger %I instead of insert or update or delete on public.%I for each row execute function private.refuse_view_write()',
                   v.relname || '_read_only', v.relname);
  end loop;
end;
$$;
