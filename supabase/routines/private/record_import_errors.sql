-- The problems of one record row a records import could not insert, from the error the insert
-- raised, as the wizard shows them ({row, column, code, message_zh, message_en}):
-- * record_invalid: one per problem of its detail ([{field, code, params}]), the column the
--   field's key (a sub-table cell as key[i].sub), the words record_issue_hint gives the form;
-- * the RLS refusal of the insert (42501): record_forbidden — the unit is outside where the
--   caller may create records of the service — on the record-unit field when the definition has
--   one (its answer is the unit), else on org_unit_id; unit_outside_service likewise; resident_link_forbidden on the resident field; any other
--   engine refusal under its own code, on the field its detail names, else the whole row ('').
create or replace function private.record_import_errors(p_row int, p_definition jsonb, p_state text, p_message text, p_hint text, p_detail text)
returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  detail jsonb := private.import_error_detail(p_detail);
  unit_column text := coalesce(private.record_unit_field(p_definition), 'org_unit_id');
begin
  if p_message = 'record_invalid' and jsonb_typeof(detail) = 'array' and jsonb_array_length(detail) > 0 then
    return (select jsonb_agg(private.import_issue(p_row, i ->> 'field', i ->> 'code', private.record_issue_hint(p_definition, i)) order by n)
              from jsonb_array_elements(detail) with ordinality x(i, n));
  elsif p_state = '42501' and p_message like 'new row violates row-level security policy%' then
    return jsonb_build_array(private.import_issue(p_row, unit_column, 'record_forbidden',
      '您不能在此单位新建该服务的记录 / You may not create records of this service at this unit'));
  elsif p_message in ('unit_outside_service', 'assignee_out_of_scope') then
    return jsonb_build_array(private.import_issue(p_row, unit_column, p_message, p_hint));
  end if;
  return jsonb_build_array(private.import_issue(p_row,
    case when jsonb_typeof(detail) = 'object' then coalesce(detail ->> 'field', '') else '' end,
    case when p_message ~ '^[a-z][a-z0-9_]*$' then p_message else 'row_failed' end,
    coalesce(nullif(p_hint, ''), p_message)));
end;
$$;

revoke execute on function private.record_import_errors(int, jsonb, text, text, text, text) from public, anon;
grant execute on function private.record_import_errors(int, jsonb, text, text, text, text) to authenticated, service_role;
