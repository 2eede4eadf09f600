-- The Excel import of residents (issue 12, item 7), one chunk of an upload per call: upsert by
-- ID number through the registry's own path, all or nothing. p_rows: [{row: the sheet's row
-- number, values: {name, id_number, phone, sex, ethnicity, political_status, marital_status,
-- address, grid_org_unit_id, tags, hukou_region, hukou_address, household_number, relation}}],
-- at most 2,000 (import_too_many_rows otherwise); a value
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
               when err_message = 'household_head_exists' then 'relation'
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
