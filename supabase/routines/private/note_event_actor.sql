-- AFTER INSERT on record_events: whoever acted on a record (a transition, an edit, a checklist,
-- an assignment) becomes a participant. Creation has its own kind (note_record_participants);
-- a comment is not taking part: anyone who reads the record may comment, and a comment must not
-- extend the commenter's sight.
-- security definer: record_participants has no write policy; only these triggers write it.
create or replace function private.note_event_actor() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.actor is not null and new.kind not in ('created', 'comment') then
    insert into public.record_participants (record_id, user_id, kind, since)
    values (new.record_id, new.actor, 'actor', new.created_at)
    on conflict do nothing;
  end if;
  return null;
end;
$$;

revoke execute on function private.note_event_actor() from public, anon;
