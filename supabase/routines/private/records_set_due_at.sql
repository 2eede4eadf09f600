-- BEFORE INSERT OR UPDATE OF status on records: the due date follows the state entered, from
-- the record's version (record_due_at), computed by the database whoever wrote the row — so the
-- workflow RPC needs no knowledge of calendars. The trigger's name sorts after records_before_insert,
-- which sets the initial state first (BEFORE triggers fire in name order). A SQL import (the demo seed,
-- the benchmark) keeps the due date it gives; a write that leaves the state keeps its due date.
create or replace function private.records_set_due_at() returns trigger
language plpgsql set search_path = '' as $$
begin
  if private.record_write_mode() = 'import' or (tg_op = 'UPDATE' and new.status is not distinct from old.status) then
    return new;
  end if;
  new.due_at := private.record_due_at(
    (select v.definition from public.service_versions v where v.service_id = new.service_id and v.version = new.service_version),
    new.status, new.data, now());
  return new;
end;
$$;

revoke execute on function private.records_set_due_at() from public, anon;
