-- AFTER UPDATE OF org_unit_id on records (an escalation moves a record up the tree): its
-- participations follow it to the new unit, where their participants keep reading it
-- (my_readable_units reads record_participants.org_unit_id).
-- security definer: record_participants has no write policy; only triggers write it.
create or replace function private.note_moved_record_units() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  update public.record_participants p set org_unit_id = new.org_unit_id where p.record_id = new.id;
  return null;
end;
$$;
