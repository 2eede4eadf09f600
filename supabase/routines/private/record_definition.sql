create or replace function private.record_definition(p_record public.records) returns jsonb
language sql stable set search_path = '' as $$
  select v.definition from public.service_versions v where v.service_id = p_record.service_id and v.version = p_record.service_version
$$;
