-- AFTER INSERT OR UPDATE OF assignee on records: the creator and every assignee become
-- participants, who keep reading the record after it leaves their scope (DESIGN §6).
-- security definer: record_participants has no write policy; only these triggers write it.
create or replace function private.note_record_participants() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'INSERT' and new.created_by is not null then
    insert into public.record_participants (record_id, user_id, kind, since)
    values (new.id, new.created_by, 'creator', new.created_at)
    on conflict do nothing;
  end if;
  if new.assignee is not null and (tg_op = 'INSERT' or new.assignee is distinct from old.assignee) then
    insert into public.record_participants (record_id, user_id, kind, since)
    values (new.id, new.assignee, 'assignee', now())
    on conflict do nothing;
  end if;
  return null;
end;
$$;

revoke execute on function private.note_record_participants() from public, anon;
