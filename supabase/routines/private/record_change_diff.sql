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
