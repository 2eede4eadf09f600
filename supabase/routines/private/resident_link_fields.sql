-- Which field of a service definition holds which registry attribute: {attribute: field key},
-- read from the fields' `prefillFrom` (the definition language's mapping between a form and the
-- registry: name, id_number, phone, address, the codes, grid), the first field per attribute.
-- The same mapping pre-fills a new record from a person (the resident field type) and creates
-- or finds the person from a record's answers (link_records_to_residents): data, not code per
-- service. Top-level fields only (a sub-table's rows are other people).
-- plpgsql for its cached plan (see record_unit_field).
create or replace function private.resident_link_fields(p_definition jsonb) returns jsonb
language plpgsql immutable set search_path = '' as $$
begin
  return coalesce((select jsonb_object_agg(a.attribute, a.field_key)
                     from (select distinct on (f ->> 'prefillFrom') f ->> 'prefillFrom' as attribute, f ->> 'key' as field_key
                             from jsonb_array_elements(case when jsonb_typeof(p_definition -> 'fields') = 'array' then p_definition -> 'fields' else '[]' end)
                                  with ordinality as t(f, n)
                            where jsonb_typeof(f) = 'object' and jsonb_typeof(f -> 'prefillFrom') = 'string'
                            order by f ->> 'prefillFrom', n) a), '{}'::jsonb);
end;
$$;

revoke execute on function private.resident_link_fields(jsonb) from public, anon;
grant execute on function private.resident_link_fields(jsonb) to authenticated, service_role;
