-- AFTER INSERT on record_participants (per statement): the units where the new participations'
-- records sit join their participants' private.participant_units, which my_readable_units reads
-- instead of joining every participation to its record on every query (a staff member who had
-- taken part in 9,000 records paid ≈ 20 ms per list query for that join).
-- In key order, so parallel writers cannot deadlock on each other's new rows.
-- security definer: participant_units is private; only these triggers write it.
create or replace function private.note_participant_units() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into private.participant_units (user_id, org_unit_id)
  select distinct a.user_id, r.org_unit_id
    from added a join public.records r on r.id = a.record_id
   order by 1, 2
  on conflict do nothing;
  return null;
end;
$$;
