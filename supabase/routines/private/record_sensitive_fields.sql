-- The sensitive fields of the record's version.
create or replace function private.record_sensitive_fields(p_record public.records) returns jsonb
language sql stable set search_path = '' as $$
  select v.sensitive_fields from public.service_versions v where v.service_id = p_record.service_id and v.version = p_record.service_version
$$;

revoke execute on function private.record_sensitive_fields(public.records) from public, anon;
grant execute on function private.record_sensitive_fields(public.records) to authenticated, service_role;
