-- The record's raw sensitive answers ({} when it has none).
-- security definer: nobody else may read record_sensitive_values. Callers are the engine's own
-- trigger and RPCs, which have already reached the record under the caller's RLS; the private
-- schema is not exposed, so no client can call it with another id.
create or replace function private.sensitive_answers_of(p_record_id uuid) returns jsonb
language sql stable security definer set search_path = '' as $$
  select coalesce((select s.data from private.record_sensitive_values s where s.record_id = p_record_id), '{}'::jsonb)
$$;
