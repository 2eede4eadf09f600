-- The record's data as entered: the masked data with the raw answers put back.
create or replace function private.record_raw_data(p_record public.records) returns jsonb
language sql stable set search_path = '' as $$
  select p_record.data || private.sensitive_answers_of(p_record.id)
$$;
