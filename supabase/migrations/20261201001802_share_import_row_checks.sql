-- import_residents and import_records each wrote out the same check of their rows (a list, at
-- most 2,000): one private.check_import_rows now serves both. Nothing changes for callers.
-- Routines between "-- routine:" and "-- end routine" are copies written by
-- `npm run db:migration`; edit supabase/routines/, never the copy.

-- Hand-written DDL the routines rely on (tables, columns, types), or nothing.

-- routine: supabase/routines/private/check_import_rows.sql
-- The shape both import RPCs (import_residents, import_records) take: a list of at most 2,000
-- rows per call, refused whole otherwise (import_rows_invalid CGX02 / import_too_many_rows CGX01,
-- HTTP 400), before anything of the call is looked at.
create or replace function private.check_import_rows(p_rows jsonb) returns void
language plpgsql immutable set search_path = '' as $$
begin
  if jsonb_typeof(p_rows) is distinct from 'array' then
    raise exception using errcode = 'CGX02', message = 'import_rows_invalid',
      hint = '导入的数据应为行的列表 / The rows to import must be a list';
  end if;
  if jsonb_array_length(p_rows) > 2000 then
    raise exception using errcode = 'CGX01', message = 'import_too_many_rows',
      detail = jsonb_build_object('maximum', 2000, 'rows', jsonb_array_length(p_rows))::text,
      hint = format('每次最多导入 2000 行，本次 %s 行，请分批提交 / At most 2,000 rows per call, this one has %s: send them in chunks',
                    jsonb_array_length(p_rows), jsonb_array_length(p_rows));
  end if;
end;
$$;

revoke execute on function private.check_import_rows(jsonb) from public, anon;
grant execute on function private.check_import_rows(jsonb) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/public/import_records.sql
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
-- end routine

-- routine: supabase/routines/public/import_residents.sql
-- The Excel import of residents (issue 12, item 7), one chunk of an upload per call: upsert by
-- ID number through the registry's own path, all or nothing. p_rows: [{row: the sheet's row
-- number, values: {name, id_number, phone, sex, ethnicity, political_status, marital_status,
-- address, grid_org_unit_id, tags}}], at most 2,000 (import_too_many_rows otherwise); a value
-- absent, null or empty leaves the attribute as it is on an existing person.
-- * Every row is checked: its values first (resident_import_values: every problem of the row),
--   then its write in a subtransaction of its own (import_resident_row: the registry's scope,
--   rules and events), so one bad row does not hide the next one's problems. A number that came
--   earlier in the call is an error of the later row (id_number_duplicate_in_file).
-- * All or nothing: when any row failed, or p_dry_run, every write of the call is undone (the
--   loop runs in a block that ends by raising CGX99, which the block catches) and the answer says
--   written: false; its counts are then what the rows without problems would have done. A
--   connection lost midway undoes it too: nothing commits before the call returns.
-- * Every registry change carries source 'import' and the batch id (app.resident_source,
--   transaction-local: the events' source_ref, the tags' source_batch_id). A written chunk adds
--   its counts to import_batches (note_import_batch; chunks of one upload share the batch id).
-- Refused whole: import_rows_invalid / import_too_many_rows (CGX02 / CGX01, HTTP 400),
-- registry_write_forbidden (403) for a caller who may write the registry nowhere,
-- import_batch_conflict (409). Returns {batch_id, created, updated, unchanged, errors:
-- [{row, column, code, message_zh, message_en}] ordered by row, written}.
-- security invoker: every write is the caller's, under their RLS and the registry's triggers.
create or replace function public.import_residents(p_batch_id uuid, p_rows jsonb, p_dry_run boolean default false, p_file_name text default null)
returns jsonb
language plpgsql security invoker set search_path = '' as $$
declare
  writable uuid[];
  lookups jsonb;
  errors jsonb := '[]';
  counts jsonb := '{"created": 0, "updated": 0, "unchanged": 0}';
  seen jsonb := '{}';
  written boolean := false;
  item jsonb;
  row_no int;
  checked jsonb;
  raw_id text;
  outcome text;
  issue jsonb;
  detail jsonb;
  err_message text;
  err_hint text;
  err_detail text;
begin
  perform private.check_import_rows(p_rows);
  writable := private.my_scope_units('update');
  if cardinality(writable) = 0 then
    perform private.raise_record_error('PT403', 'registry_write_forbidden',
      '您不能登记或修改居民信息 / You may not register or change residents');
  end if;
  perform private.check_import_batch(p_batch_id, 'residents', null);
  lookups := private.resident_import_lookups(p_rows);
  perform set_config('app.resident_source', 'import', true), set_config('app.resident_source_ref', p_batch_id::text, true);

  begin
    for item in select value from jsonb_array_elements(p_rows) loop
      row_no := case when jsonb_typeof(item -> 'row') = 'number' then (item ->> 'row')::numeric::int end;
      checked := private.resident_import_values(item -> 'values', lookups);
      raw_id := checked ->> 'id_number';
      if raw_id is not null and seen ? raw_id then
        checked := jsonb_set(checked, '{issues}', (checked -> 'issues') || jsonb_build_object('column', 'id_number', 'code', 'id_number_duplicate_in_file',
          'hint', format('与第 %s 行的身份证号重复 / The same ID number as row %s', seen ->> raw_id, seen ->> raw_id)));
      elsif raw_id is not null then
        seen := seen || jsonb_build_object(raw_id, coalesce(row_no::text, '?'));
      end if;
      if jsonb_array_length(checked -> 'issues') > 0 then
        for issue in select value from jsonb_array_elements(checked -> 'issues') loop
          errors := errors || private.import_issue(row_no, issue ->> 'column', issue ->> 'code', issue ->> 'hint');
        end loop;
        continue;
      end if;
      begin
        outcome := private.import_resident_row(raw_id, checked -> 'values', writable);
        counts := jsonb_set(counts, array[outcome], to_jsonb((counts ->> outcome)::int + 1));
      exception when others then
        get stacked diagnostics err_message = message_text, err_hint = pg_exception_hint, err_detail = pg_exception_detail;
        detail := private.import_error_detail(err_detail);
        errors := errors || private.import_issue(row_no,
          case when detail ->> 'field' is not null then detail ->> 'field'
               when detail ? 'tag_key' then 'tags'
               when err_message in ('registry_write_forbidden', 'registry_unit_invalid') then 'grid_org_unit_id'
               else '' end,
          case when err_message ~ '^[a-z][a-z0-9_]*$' then err_message else 'row_failed' end,
          coalesce(nullif(err_hint, ''), err_message));
      end;
    end loop;
    if jsonb_array_length(errors) > 0 or coalesce(p_dry_run, false) then
      raise exception using errcode = 'CGX99', message = 'import_rolled_back';
    end if;
    perform private.note_import_batch(p_batch_id, 'residents', null, p_file_name, jsonb_array_length(p_rows),
      (counts ->> 'created')::int, (counts ->> 'updated')::int, (counts ->> 'unchanged')::int);
    written := true;
  exception when sqlstate 'CGX99' then
    written := false;
  end;

  perform set_config('app.resident_source', '', true), set_config('app.resident_source_ref', '', true);
  return jsonb_build_object('batch_id', p_batch_id, 'created', (counts ->> 'created')::int, 'updated', (counts ->> 'updated')::int,
    'unchanged', (counts ->> 'unchanged')::int, 'written', written,
    'errors', coalesce((select jsonb_agg(e order by (e ->> 'row')::int nulls first, n) from jsonb_array_elements(errors) with ordinality x(e, n)), '[]'));
end;
$$;

revoke execute on function public.import_residents(uuid, jsonb, boolean, text) from public, anon;
grant execute on function public.import_residents(uuid, jsonb, boolean, text) to authenticated;
-- end routine

-- Hand-written DDL that names the routines (triggers, policies, grants), or nothing.
