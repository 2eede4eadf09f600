-- AFTER UPDATE OF org_unit_id on records (an escalation moves a record up the tree): its
-- participants keep reading it at its new unit, so that unit joins their participant_units.
-- The old unit stays: the list is a superset, used only to narrow the records policy's index
-- condition; the policy's participant arm decides which records are read.
-- security definer: participant_units is private; only these triggers write it.
create or replace function private.note_moved_record_units() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into private.participant_units (user_id, org_unit_id)
  select distinct p.user_id, new.org_unit_id from public.record_participants p where p.record_id = new.id
  on conflict do nothing;
  return null;
end;
$$;
