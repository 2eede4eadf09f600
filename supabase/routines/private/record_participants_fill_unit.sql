-- BEFORE INSERT on record_participants: the participation carries the unit where its record
-- sits (kept on a move by note_moved_record_units), so my_readable_units reads a participant's
-- units from their own rows instead of joining every participation to its record per query.
-- One row per participation, no shared counter: parallel writers never wait on each other here.
create or replace function private.record_participants_fill_unit() returns trigger
language plpgsql set search_path = '' as $$
begin
  if new.org_unit_id is null then
    new.org_unit_id := (select r.org_unit_id from public.records r where r.id = new.record_id);
  end if;
  return new;
end;
$$;
