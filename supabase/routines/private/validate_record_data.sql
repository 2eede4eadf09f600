-- All problems in a record's data: [] when valid, else [{field, code, params}], one per
-- field at most. Hidden fields are neither required nor checked; derived values are checked as
-- they would be stored (recomputed, whatever the data holds).
create or replace function private.validate_record_data(definition jsonb, data jsonb) returns jsonb
language plpgsql stable set search_path = '' as $$
begin
  if jsonb_typeof(data) is distinct from 'object' then
    return jsonb_build_array(jsonb_build_object('field', '', 'code', 'type', 'params', '{}'::jsonb));
  end if;
  data := private.derive_record_values(definition, data, private.local_today());
  return private.record_data_issues(definition, data, private.visible_field_keys(definition -> 'fields', data), private.local_today());
end;
$$;
