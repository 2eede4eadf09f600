-- An object's size as hosted Storage and the local gateway record it in metadata.
create or replace function private.object_size(p_metadata jsonb) returns bigint
language sql immutable set search_path = '' as $$
  select coalesce(nullif(p_metadata ->> 'size', '')::bigint, nullif(p_metadata ->> 'contentLength', '')::bigint)
$$;

revoke execute on function private.object_size(jsonb) from public, anon;
grant execute on function private.object_size(jsonb) to authenticated, service_role;
