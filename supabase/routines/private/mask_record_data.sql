-- The masked form of raw data (what the trigger will store), for the RPCs' results.
create or replace function private.mask_record_data(p_fields jsonb, p_data jsonb) returns jsonb
language sql stable set search_path = '' as $$
  select (private.split_sensitive_answers(p_fields, p_data)).masked
$$;
