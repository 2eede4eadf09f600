-- The local Storage gateway logs the signed URLs it issues, in the signing transaction, as the
-- signer: only objects the signer can see (RLS) are logged, so nothing can be logged falsely.
-- security invoker: the visibility test must run with the caller's RLS; the write goes through
-- append_storage_access.
create or replace function private.log_storage_signing(p_bucket_id text, p_names text[], p_expires_in int) returns void
language plpgsql security invoker set search_path = '' as $$
declare
  signed record;
begin
  for signed in
    select o.id, o.name, o.owner_id, private.object_size(o.metadata) as size
      from storage.objects o where o.bucket_id = p_bucket_id and o.name = any (p_names)
  loop
    perform private.append_storage_access('sign', p_bucket_id, signed.name, signed.id, signed.size, signed.owner_id,
      jsonb_build_object('expires_in', p_expires_in));
  end loop;
end;
$$;
