-- update_record and transition_record with sensitive fields split (previous migration): they
-- accept a sensitive answer sent back exactly as read (masked) as "keep the raw value", or a
-- new raw value; they validate and compare raw answers; their results and history diffs carry
-- masked values only.
--
-- No oracle: a sensitive answer sent as a new value counts as a change even when it equals the
-- raw value already stored. Otherwise a user who may edit but not see the raw value could test
-- a guess ("no change" = right guess) without ever unmasking it.

-- routine: supabase/routines/private/record_sensitive_fields.sql
-- The sensitive fields of the record's version.
create or replace function private.record_sensitive_fields(p_record public.records) returns jsonb
language sql stable set search_path = '' as $$
  select v.sensitive_fields from public.service_versions v where v.service_id = p_record.service_id and v.version = p_record.service_version
$$;

revoke execute on function private.record_sensitive_fields(public.records) from public, anon;
grant execute on function private.record_sensitive_fields(public.records) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/private/record_change_diff.sql
-- {field: [old, new]} for every answer that changed, sensitive ones shown masked. A sensitive
-- answer the caller sent (p_sent) as anything other than the stored masked value counts as
-- changed (see above).
create or replace function private.record_change_diff(p_fields jsonb, p_old_raw jsonb, p_new_raw jsonb, p_old_masked jsonb, p_sent jsonb) returns jsonb
language sql stable set search_path = '' as $$
  select coalesce(jsonb_object_agg(keys.k, case when f.field is null
           then jsonb_build_array(coalesce(p_old_raw -> keys.k, 'null'), coalesce(p_new_raw -> keys.k, 'null'))
           else jsonb_build_array(coalesce(p_old_masked -> keys.k, 'null'), coalesce(private.mask_answer(f.field, p_new_raw -> keys.k), 'null')) end), '{}')
    from (select jsonb_object_keys(p_old_raw) k union select jsonb_object_keys(p_new_raw)) keys
    left join lateral (select s from jsonb_array_elements(p_fields) s where s ->> 'key' = keys.k) f(field) on true
   where (p_old_raw -> keys.k) is distinct from (p_new_raw -> keys.k)
      or (f.field is not null and p_sent ? keys.k and p_new_raw ? keys.k and (p_sent -> keys.k) is distinct from (p_old_masked -> keys.k))
$$;
-- end routine

-- (Folded on 2026-11-30: the body of public.update_record lives in supabase/routines/public/update_record.sql,
-- created in 20261126010300_create_record_actions.sql.)

-- (Folded on 2026-11-30: the body of public.transition_record lives in supabase/routines/public/transition_record.sql,
-- created in 20261126010300_create_record_actions.sql.)
