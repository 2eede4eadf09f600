-- The Excel import of records into a service (issue 12, item 7), one chunk of an upload per
-- call, all or nothing. p_rows: [{row: the sheet's row number, org_unit_id, data: the answers as
-- the form sends them}], at most 2,000. Each row is a new record inserted as the caller through
-- the normal path — the insert policy (create scope) and every records trigger: defaults,
-- validation, derived values, due date, participants, eligibility, history — in a subtransaction
-- of its own, so every row's problems are collected (record_import_errors: one per field for
-- record_invalid). A definition with a `resident` field whose answer the row left empty gets the
-- person its ID number names, found or registered (import_record_resident), so the record is
-- linked as the form would link it. The history's 'created' entry says the record came from an
-- import (records_after_insert reads app.record_import_batch).
-- All or nothing and dry run as import_residents: any failed row or p_dry_run undoes every
-- insert of the call (CGX99, caught) and returns written: false. A written chunk adds its count
-- to import_batches.
-- Refused whole: import_rows_invalid / import_too_many_rows (CGX02 / CGX01), service_not_found
-- (404, a service the caller does not see), import_forbidden (403: may create records of it
-- nowhere), import_batch_conflict (409). Returns {batch_id, created, errors, written}.
-- security invoker: the inserts are the caller's, under RLS and the triggers.
create or replace function public.import_records(p_batch_id uuid, p_service_id uuid, p_rows jsonb, p_dry_run boolean default false, p_file_name text default null)
returns jsonb
language plpgsql security invoker set search_path = '' as $$
declare
  uuid_pattern constant text := '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
  definition jsonb;
  resident_key text;
  link_fields jsonb;
  unit_field text;
  writable uuid[];
  errors jsonb := '[]';
  created int := 0;
  written boolean := false;
  item jsonb;
  row_no int;
  answers jsonb;
  unit_text text;
  person uuid;
  err_state text;
  err_message text;
  err_hint text;
  err_detail text;
begin
  perform private.check_import_rows(p_rows);
  select v.definition into definition
    from public.services s join public.service_versions v on v.service_id = s.id and v.version = s.current_version
   where s.id = p_service_id;
  if definition is null then
    perform private.raise_record_error('PT404', 'service_not_found', '服务不存在或尚未发布 / No such published service');
  end if;
  if not exists (select 1 from private.my_record_scope('create') s where s.service_id = p_service_id) then
    perform private.raise_record_error('PT403', 'import_forbidden', '您不能在该服务中新建记录 / You may not create records of this service');
  end if;
  perform private.check_import_batch(p_batch_id, 'records', p_service_id);
  select f ->> 'key' into resident_key
    from jsonb_array_elements(coalesce(definition -> 'fields', '[]'::jsonb)) with ordinality as t(f, n)
   where f ->> 'type' = 'resident' order by n limit 1;
  link_fields := private.resident_link_fields(definition);
  unit_field := private.record_unit_field(definition);
  if resident_key is not null and link_fields ?& array['id_number', 'name'] then
    writable := private.my_scope_units('update');
  end if;
  perform set_config('app.record_import_batch', p_batch_id::text, true),
          set_config('app.resident_source', 'import', true), set_config('app.resident_source_ref', p_batch_id::text, true);

  begin
    for item in select value from jsonb_array_elements(p_rows) loop
      row_no := case when jsonb_typeof(item -> 'row') = 'number' then (item ->> 'row')::numeric::int end;
      answers := item -> 'data';
      unit_text := lower(item ->> 'org_unit_id');
      if jsonb_typeof(answers) is distinct from 'object' then
        errors := errors || private.import_issue(row_no, '', 'row_invalid', '此行没有可导入的数据 / This row has no values to import');
        continue;
      elsif coalesce(unit_text, '') !~ uuid_pattern and (unit_field is null or private.is_empty_answer(answers -> unit_field)) then
        errors := errors || private.import_issue(row_no, 'org_unit_id', 'org_unit_required', '请选择记录所属的单位 / Choose the unit the record belongs to');
        continue;
      end if;
      begin
        if writable is not null and private.is_empty_answer(answers -> resident_key) then
          person := private.import_record_resident(definition, link_fields, answers,
            case when unit_text ~ uuid_pattern then unit_text::uuid end, writable);
          if person is not null then
            answers := jsonb_set(answers, array[resident_key], to_jsonb(person));
          end if;
        end if;
        insert into public.records (service_id, org_unit_id, data)
        values (p_service_id, case when unit_text ~ uuid_pattern then unit_text::uuid end, answers);
        created := created + 1;
      exception when others then
        get stacked diagnostics err_state = returned_sqlstate, err_message = message_text, err_hint = pg_exception_hint, err_detail = pg_exception_detail;
        errors := errors || private.record_import_errors(row_no, definition, err_state, err_message, err_hint, err_detail);
      end;
    end loop;
    if jsonb_array_length(errors) > 0 or coalesce(p_dry_run, false) then
      raise exception using errcode = 'CGX99', message = 'import_rolled_back';
    end if;
    perform private.note_import_batch(p_batch_id, 'records', p_service_id, p_file_name, jsonb_array_length(p_rows), created, 0, 0);
    written := true;
  exception when sqlstate 'CGX99' then
    written := false;
  end;

  perform set_config('app.record_import_batch', '', true),
          set_config('app.resident_source', '', true), set_config('app.resident_source_ref', '', true);
  return jsonb_build_object('batch_id', p_batch_id, 'created', created, 'written', written,
    'errors', coalesce((select jsonb_agg(e order by (e ->> 'row')::int nulls first, n) from jsonb_array_elements(errors) with ordinality x(e, n)), '[]'));
end;
$$;

revoke execute on function public.import_records(uuid, uuid, jsonb, boolean, text) from public, anon;
grant execute on function public.import_records(uuid, uuid, jsonb, boolean, text) to authenticated;
