-- AFTER INSERT: the first history entry.
create or replace function private.records_after_insert() returns trigger
language plpgsql set search_path = '' as $$
begin
  perform private.append_record_event(new, 'created', p_to_status => new.status, p_actor => new.created_by, p_at => new.created_at);
  return null;
end;
$$;
