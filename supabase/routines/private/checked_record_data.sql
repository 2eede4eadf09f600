-- The data to store: derived values recomputed (a client's value is never trusted), then
-- raises record_invalid (HTTP 400 through PostgREST) when it does not fit the definition, else
-- returns it without answers to hidden fields, which the browser also drops before saving, so
-- they never reach a record. Ages are derived as of the date of this write.
create or replace function private.checked_record_data(definition jsonb, data jsonb) returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  visible jsonb;
  issues jsonb;
begin
  if jsonb_typeof(data) is distinct from 'object' then
    issues := private.validate_record_data(definition, data);
  else
    data := private.derive_record_values(definition, data, private.local_today());
    visible := private.visible_field_keys(definition -> 'fields', data);
    issues := private.record_data_issues(definition, data, visible, private.local_today());
  end if;
  if jsonb_array_length(issues) > 0 then
    raise exception using errcode = 'PT400' /* PostgREST → HTTP 400 */, message = 'record_invalid',
      detail = issues::text, hint = private.record_issue_hint(definition, issues -> 0);
  end if;
  return coalesce((select jsonb_object_agg(d.key, d.value) from jsonb_each(data) d where visible ? d.key), '{}'::jsonb);
end;
$$;
