-- A published field keeps its type: records of every version hold answers under its key, and an
-- answer of one type read as another would be wrong data. One error per field of the new
-- definition whose key any published version gave another type (the designer adds a new field
-- with a new key instead).
create or replace function private.frozen_field_type_errors(p_service_id uuid, p_definition jsonb) returns jsonb
language sql stable security definer set search_path = '' as $$
-- security definer: reads service_versions for the publish RPC, whatever the caller may read.
  select coalesce(jsonb_agg(private.definition_error(format('fields[%s].type', f.ordinality - 1), 'field_type_frozen',
                                                     jsonb_build_object('key', f.value ->> 'key', 'type', old.type))
                            order by f.ordinality), '[]')
    from jsonb_array_elements(case when jsonb_typeof(p_definition -> 'fields') = 'array' then p_definition -> 'fields' else '[]' end)
         with ordinality f
    cross join lateral (
      select pf ->> 'type' as type
        from public.service_versions v, jsonb_array_elements(v.definition -> 'fields') pf
       where v.service_id = p_service_id
         and pf ->> 'key' = f.value ->> 'key'
         and pf ->> 'type' is distinct from f.value ->> 'type'
       order by v.version desc
       limit 1
    ) old
$$;
