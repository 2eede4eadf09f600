-- security definer: writes the log (see append_storage_access).
create or replace function private.log_storage_object_change() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'INSERT' then
    perform private.append_storage_access('upload', new.bucket_id, new.name, new.id, private.object_size(new.metadata), new.owner_id, null);
  elsif tg_op = 'DELETE' then
    perform private.append_storage_access('delete', old.bucket_id, old.name, old.id, private.object_size(old.metadata), old.owner_id, null);
  elsif (new.bucket_id, new.name) is distinct from (old.bucket_id, old.name) then
    perform private.append_storage_access('move', new.bucket_id, new.name, new.id, private.object_size(new.metadata), new.owner_id,
      jsonb_build_object('from', old.bucket_id || '/' || old.name));
  elsif new.metadata ->> 'eTag' is distinct from old.metadata ->> 'eTag' or new.version is distinct from old.version then
    -- new bytes under the same name; a touch of last_accessed_at alone is no write
    perform private.append_storage_access('overwrite', new.bucket_id, new.name, new.id, private.object_size(new.metadata), new.owner_id, null);
  end if;
  return null;
end;
$$;
