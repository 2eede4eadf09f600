-- {field: [old, new]} for every top-level key whose answer changed.
create or replace function private.data_diff(p_old jsonb, p_new jsonb) returns jsonb
language sql immutable set search_path = '' as $$
  select coalesce(jsonb_object_agg(k, jsonb_build_array(coalesce(p_old -> k, 'null'), coalesce(p_new -> k, 'null'))), '{}')
    from (select jsonb_object_keys(p_old) k union select jsonb_object_keys(p_new)) keys
   where (p_old -> k) is distinct from (p_new -> k)
$$;
