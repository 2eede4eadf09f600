-- Issue 12, item 7: the Excel import's database side. Communities hold their residents and
-- their ledgers in spreadsheets; the import wizard sends a sheet in chunks of at most 2,000 rows
-- to two RPCs that write through the same paths as the forms, all or nothing per call:
-- * public.import_residents upserts people by ID number (15/18 digits and x/X are one person)
--   through the registry's own triggers (scope, rules, masks, row_version, events), adds tags,
--   and marks every change as coming from the import batch (app.resident_source = 'import');
-- * public.import_records inserts each row as a new record as the caller (create scope, every
--   records trigger), links rows to the person their applicant fields name, and the records'
--   'created' history entry says it came from an import (records_after_insert);
-- every row is checked in a subtransaction of its own so all problems come back with their sheet
-- row and column; any problem or a dry run undoes the whole call.
-- public.import_batches records each written upload (what resident_tags.source_batch_id and
-- resident events' source_ref name); public.import_mappings remembers the column mapping per
-- service (save_import_mapping). docs/residents.md, section "Import".
-- Routines between "-- routine:" and "-- end routine" are copies written by
-- `npm run db:migration`; edit supabase/routines/, never the copy.

-- Hand-written DDL the routines rely on (tables, columns, types), or nothing.

-- One upload of the import wizard (residents, or a service's records): its chunks share the id.
create table public.import_batches (
  id uuid primary key default gen_random_uuid(),
  target text not null check (target in ('residents', 'records')),
  service_id uuid references public.services (id) on delete cascade,
  file_name text check (char_length(file_name) <= 200),
  row_count int not null default 0 check (row_count >= 0),
  created int not null default 0 check (created >= 0),
  updated int not null default 0 check (updated >= 0),
  unchanged int not null default 0 check (unchanged >= 0),
  created_by uuid default auth.uid(),
  created_at timestamptz not null default now(),
  constraint import_batches_target_service check ((target = 'residents') = (service_id is null))
);
comment on table public.import_batches is 'One upload of the Excel import (residents or a service''s records), written only by import_residents / import_records when a chunk is written (all or nothing): counts summed over its chunks. resident_tags.source_batch_id and resident_events.source_ref (source import) name it. Each user reads their own.';
create index import_batches_created_by_idx on public.import_batches (created_by, created_at desc);

-- The import wizard's column mapping, remembered per target and service.
create table public.import_mappings (
  id uuid primary key default gen_random_uuid(),
  target text not null check (target in ('residents', 'records')),
  service_id uuid references public.services (id) on delete cascade,
  mapping jsonb not null default '{}',
  updated_by uuid,
  updated_at timestamptz not null default now(),
  constraint import_mappings_target_key unique nulls not distinct (target, service_id)
);
comment on table public.import_mappings is 'The Excel import''s column mapping {"<sheet header>": "<field key or attribute>"}, one per target (residents: no service) and service, so the next upload starts from it. Read by the readers of the registry / the service, written (save_import_mapping or a PostgREST upsert) by whoever may write the registry / create its records.';

-- A tag added by an import names its batch.
alter table public.resident_tags
  add constraint resident_tags_source_batch_id_fkey foreign key (source_batch_id)
  references public.import_batches (id) on delete restrict deferrable initially deferred;

-- routine: supabase/routines/private/check_import_batch.sql
-- An import batch id may be reused over several calls (the chunks of one upload), but only by
-- the user who started it and for the same target and service: anything else is refused
-- (import_batch_conflict, 409) before a row is looked at.
-- security definer: import_batches shows a user only their own batches.
create or replace function private.check_import_batch(p_batch_id uuid, p_target text, p_service_id uuid) returns void
language plpgsql stable security definer set search_path = '' as $$
begin
  if p_batch_id is null then
    perform private.raise_record_error('PT400', 'import_batch_required', '缺少导入批次号 / The import batch id is missing');
  end if;
  if exists (select 1 from public.import_batches b
              where b.id = p_batch_id
                and (b.created_by is distinct from (select auth.uid()) or b.target <> p_target or b.service_id is distinct from p_service_id)) then
    perform private.raise_record_error('PT409', 'import_batch_conflict',
      '该导入批次号已用于其他导入，请重新开始导入 / This import batch id belongs to another import: start the import again',
      jsonb_build_object('batch_id', p_batch_id));
  end if;
end;
$$;

revoke execute on function private.check_import_batch(uuid, text, uuid) from public, anon;
grant execute on function private.check_import_batch(uuid, text, uuid) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/private/import_error_detail.sql
-- The JSON an error raised by the engine carries in its DETAIL ({field …}, record_invalid's
-- [{field, code, params}]), or null when the detail is empty or plain text (Postgres's own
-- errors). Called from the import RPCs' exception handlers, per failed row only.
create or replace function private.import_error_detail(p_detail text) returns jsonb
language plpgsql immutable set search_path = '' as $$
begin
  if coalesce(p_detail, '') !~ '^\s*[\[{]' then
    return null;
  end if;
  return p_detail::jsonb;
exception when others then
  return null;
end;
$$;

revoke execute on function private.import_error_detail(text) from public, anon;
grant execute on function private.import_error_detail(text) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/private/import_issue.sql
-- One problem of an imported row, in the shape the import wizard shows and puts in its error
-- report: {row, column, code, message_zh, message_en}. The message is the error's bilingual hint
-- ('中文 / English', split at the first ' / '); a hint without an English half serves both.
create or replace function private.import_issue(p_row int, p_column text, p_code text, p_hint text) returns jsonb
language sql immutable set search_path = '' as $$
  select jsonb_build_object('row', p_row, 'column', coalesce(p_column, ''), 'code', p_code,
    'message_zh', case when position(' / ' in coalesce(p_hint, '')) > 0 then split_part(p_hint, ' / ', 1) else coalesce(p_hint, p_code) end,
    'message_en', case when position(' / ' in coalesce(p_hint, '')) > 0 then substr(p_hint, position(' / ' in p_hint) + 3) else coalesce(p_hint, p_code) end)
$$;

revoke execute on function private.import_issue(int, text, text, text) from public, anon;
grant execute on function private.import_issue(int, text, text, text) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/private/import_mappings_before_write.sql
-- BEFORE INSERT OR UPDATE on public.import_mappings: a remembered column mapping of the import
-- wizard is {"<sheet header>": "<field key or attribute>"}, strings only, at most 200 entries of
-- at most 200 characters each (import_mapping_invalid, 400); residents have no service, records
-- need one (import_target_invalid). Who wrote it and when are the database's.
create or replace function private.import_mappings_before_write() returns trigger
language plpgsql set search_path = '' as $$
begin
  if (new.target = 'residents') <> (new.service_id is null) then
    perform private.raise_record_error('PT400', 'import_target_invalid',
      '居民导入不属于任何服务，记录导入须指明服务 / A residents mapping has no service; a records mapping needs one');
  end if;
  if jsonb_typeof(new.mapping) is distinct from 'object'
     or (select count(*) from jsonb_each(new.mapping)) > 200
     or exists (select 1 from jsonb_each(new.mapping) e
                 where jsonb_typeof(e.value) <> 'string' or char_length(e.key) > 200 or char_length(e.value #>> '{}') > 200) then
    perform private.raise_record_error('PT400', 'import_mapping_invalid',
      '列对应关系应为“表头 → 字段”的文字对应，最多 200 项、每项最多 200 个字 / A column mapping maps sheet headers to field keys as text: at most 200 entries of at most 200 characters');
  end if;
  if tg_op = 'UPDATE' then
    new.target := old.target;
    new.service_id := old.service_id;
  end if;
  new.updated_by := (select auth.uid());
  new.updated_at := now();
  return new;
end;
$$;

revoke execute on function private.import_mappings_before_write() from public, anon;
-- end routine

-- routine: supabase/routines/private/import_record_resident.sql
-- The person a records-import row is about, for a definition with a `resident` field whose
-- answer the row left empty: found by the ID number the row gives in the field whose prefillFrom
-- is id_number, or registered from the row's answers like link_records_to_residents does (name,
-- phone, address, the codes the definition maps; living at the mapped grid field's unit, else the
-- record-unit field's, else the row's unit — the first that is a grid or community), with the
-- import as the source of the registration. Returns the person's id when the caller reads them
-- (then the resident field gets it and the insert links the record as the form would: scope
-- check, pre-fill of the raw values, eligibility and duplicate rules), else null and the record
-- stays unlinked: a person the caller may not see, no valid number or name, or a grid where the
-- caller may not register people (p_writable). Never an error of its own: linking is a help, the
-- record's answers are checked by the insert.
-- Not security definer: the person is read and registered as the caller, under their RLS.
create or replace function private.import_record_resident(p_definition jsonb, p_fields jsonb, p_data jsonb, p_org_unit_id uuid, p_writable uuid[])
returns uuid
language plpgsql set search_path = '' as $$
declare
  uuid_pattern constant text := '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
  raw_id text := private.normalized_id_number(p_data ->> (p_fields ->> 'id_number'));
  person uuid;
  person_name text;
  unit uuid;
  candidate text;
begin
  if raw_id is null or private.id_number_check_char(raw_id) <> right(raw_id, 1) or not private.is_valid_id_number(raw_id, private.local_today()) then
    return null;
  end if;
  person := private.resident_by_id_number(raw_id);
  if person is not null then
    return (select r.id from public.residents r where r.id = person);
  end if;
  person_name := left(private.tidy_text(p_data ->> (p_fields ->> 'name')), 60);
  foreach candidate in array array[p_data ->> (p_fields ->> 'grid'), p_data ->> private.record_unit_field(p_definition), p_org_unit_id::text] loop
    if candidate ~ uuid_pattern then
      unit := (select u.id from public.org_units u where u.id = candidate::uuid and u.level in ('grid', 'community'));
    end if;
    exit when unit is not null;
  end loop;
  if coalesce(person_name, '') = '' or unit is null or not (unit = any (p_writable)) then
    return null;
  end if;
  insert into public.residents (name, id_number, phone, address, ethnicity, political_status, marital_status, grid_org_unit_id)
  select person_name, raw_id, private.resident_phone(p_data ->> (p_fields ->> 'phone')),
         left(nullif(private.tidy_text(p_data ->> (p_fields ->> 'address')), ''), 200),
         (select c.code from public.resident_codes c where c.list = 'ethnicity' and c.code = p_data ->> (p_fields ->> 'ethnicity')),
         (select c.code from public.resident_codes c where c.list = 'political_status' and c.code = p_data ->> (p_fields ->> 'political_status')),
         (select c.code from public.resident_codes c where c.list = 'marital_status' and c.code = p_data ->> (p_fields ->> 'marital_status')),
         unit
  returning id into person;
  return person;
end;
$$;

revoke execute on function private.import_record_resident(jsonb, jsonb, jsonb, uuid, uuid[]) from public, anon;
grant execute on function private.import_record_resident(jsonb, jsonb, jsonb, uuid, uuid[]) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/private/import_resident_row.sql
-- Writes one checked row of a residents import (resident_import_values) as the caller, through
-- the registry's own path: the person holding the number (resident_by_id_number) is updated —
-- only the attributes the row gives, only when one differs, with row_version = read + 1 —, or a
-- person is registered; residents_before_write then applies its scope check, rules, masks and
-- event as for any write, and the event's source is the import (the RPC set
-- app.resident_source). An existing person must be readable and in the caller's writing scope
-- (p_writable: my_scope_units('update')), else registry_write_forbidden on the ID number: an
-- import does not move somebody else's residents into one's own grid. Tags the row names are
-- added from today unless the person holds that kind now or from a later date (source import,
-- source_batch_id: resident_tags_before_write). Returns 'created', 'updated' or 'unchanged'.
-- Not security definer: every write is the caller's, under their RLS.
create or replace function private.import_resident_row(p_id_number text, p_values jsonb, p_writable uuid[]) returns text
language plpgsql set search_path = '' as $$
declare
  person public.residents;
  person_id uuid := private.resident_by_id_number(p_id_number);
  outcome text;
  kind_key text;
  today date := private.local_today();
begin
  if person_id is null then
    insert into public.residents (name, id_number, phone, ethnicity, political_status, marital_status, address, grid_org_unit_id)
    values (p_values ->> 'name', p_id_number, p_values ->> 'phone', p_values ->> 'ethnicity', p_values ->> 'political_status',
            p_values ->> 'marital_status', p_values ->> 'address', (p_values ->> 'grid_org_unit_id')::uuid)
    returning id into person_id;
    outcome := 'created';
  else
    select * into person from public.residents r where r.id = person_id;
    if person.id is null or not (person.grid_org_unit_id = any (p_writable)) then
      perform private.raise_record_error('PT403', 'registry_write_forbidden',
        '此身份证号的居民登记在您不能修改的网格 / The person with this ID number lives in a grid whose residents you may not change',
        '{"field": "id_number"}');
    end if;
    if (p_values ? 'name' and p_values ->> 'name' <> person.name)
       or (p_values ? 'address' and p_values ->> 'address' is distinct from person.address)
       or (p_values ? 'ethnicity' and p_values ->> 'ethnicity' is distinct from person.ethnicity)
       or (p_values ? 'political_status' and p_values ->> 'political_status' is distinct from person.political_status)
       or (p_values ? 'marital_status' and p_values ->> 'marital_status' is distinct from person.marital_status)
       or (p_values ? 'grid_org_unit_id' and (p_values ->> 'grid_org_unit_id')::uuid <> person.grid_org_unit_id)
       or (p_values ? 'phone' and not private.resident_holds_value(person.id, 'phone', private.resident_phone(p_values ->> 'phone'))) then
      update public.residents r set
        name = coalesce(p_values ->> 'name', r.name),
        phone = coalesce(p_values ->> 'phone', r.phone),
        address = coalesce(p_values ->> 'address', r.address),
        ethnicity = coalesce(p_values ->> 'ethnicity', r.ethnicity),
        political_status = coalesce(p_values ->> 'political_status', r.political_status),
        marital_status = coalesce(p_values ->> 'marital_status', r.marital_status),
        grid_org_unit_id = coalesce((p_values ->> 'grid_org_unit_id')::uuid, r.grid_org_unit_id),
        row_version = person.row_version + 1
       where r.id = person.id;
      outcome := 'updated';
    else
      outcome := 'unchanged';
    end if;
  end if;
  for kind_key in select jsonb_array_elements_text(coalesce(p_values -> 'tags', '[]')) loop
    continue when exists (select 1 from public.resident_tags t
                           where t.resident_id = person_id and t.tag_key = kind_key and (t.valid_to is null or t.valid_to >= today));
    insert into public.resident_tags (resident_id, tag_key) values (person_id, kind_key);
    outcome := case when outcome = 'unchanged' then 'updated' else outcome end;
  end loop;
  return outcome;
end;
$$;

revoke execute on function private.import_resident_row(text, jsonb, uuid[]) from public, anon;
grant execute on function private.import_resident_row(text, jsonb, uuid[]) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/private/note_import_batch.sql
-- Records a written chunk of an import in public.import_batches: the first chunk creates the
-- batch, later ones (same id, same user, target and service: check_import_batch) add their
-- counts. Called by the import RPCs only when the chunk was written, inside the same
-- transaction, so a rolled-back or killed import leaves no batch behind.
-- security definer: clients may only read their batches (no insert or update privilege).
create or replace function private.note_import_batch(
  p_batch_id uuid, p_target text, p_service_id uuid, p_file_name text, p_rows int, p_created int, p_updated int, p_unchanged int
) returns void
language plpgsql security definer set search_path = '' as $$
begin
  insert into public.import_batches as b (id, target, service_id, file_name, row_count, created, updated, unchanged, created_by)
  values (p_batch_id, p_target, p_service_id, left(private.tidy_text(p_file_name), 200), p_rows, p_created, p_updated, p_unchanged, (select auth.uid()))
  on conflict (id) do update
     set row_count = b.row_count + excluded.row_count,
         created = b.created + excluded.created,
         updated = b.updated + excluded.updated,
         unchanged = b.unchanged + excluded.unchanged,
         file_name = coalesce(b.file_name, excluded.file_name)
   where b.created_by is not distinct from excluded.created_by and b.target = excluded.target
     and b.service_id is not distinct from excluded.service_id;
  if not found then
    perform private.raise_record_error('PT409', 'import_batch_conflict',
      '该导入批次号已用于其他导入，请重新开始导入 / This import batch id belongs to another import: start the import again',
      jsonb_build_object('batch_id', p_batch_id));
  end if;
end;
$$;

revoke execute on function private.note_import_batch(uuid, text, uuid, text, int, int, int, int) from public, anon;
grant execute on function private.note_import_batch(uuid, text, uuid, text, int, int, int, int) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/private/record_import_errors.sql
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
-- end routine

-- routine: supabase/routines/private/records_after_insert.sql
-- AFTER INSERT: the first history entry. A record created by a records import (import_records
-- sets app.record_import_batch for its transaction) says so in that entry's comment, with the
-- batch id, since record_events has no source of its own.
create or replace function private.records_after_insert() returns trigger
language plpgsql set search_path = '' as $$
declare
  batch text := nullif(current_setting('app.record_import_batch', true), '');
begin
  perform private.append_record_event(new, 'created', p_to_status => new.status, p_actor => new.created_by, p_at => new.created_at,
    p_comment => case when batch is not null then format('从表格导入（批次 %s） / Imported from a sheet (batch %s)', batch, batch) end);
  return null;
end;
$$;
-- end routine

-- routine: supabase/routines/private/resident_by_id_number.sql
-- The registered person holding this ID number (already normalised to 18 characters:
-- normalized_id_number), found by its blind index, or null: the import's upsert key. The id is
-- returned whether or not the caller may read the person; the import then reads them under the
-- caller's RLS and refuses the row (registry_write_forbidden) when they are not the caller's to
-- change — no more than registering the number would reveal (resident_exists).
-- security definer: the digests are readable by no API role.
create or replace function private.resident_by_id_number(p_id_number text) returns uuid
language sql stable security definer set search_path = '' as $$
  select v.resident_id from private.resident_sensitive_values v where v.id_number_digest = private.blind_index(p_id_number)
$$;

revoke execute on function private.resident_by_id_number(text) from public, anon;
grant execute on function private.resident_by_id_number(text) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/private/resident_import_values.sql
-- Checks and normalises one row of a residents import before anything is written, so that a row
-- gets every problem the database can tell from its values alone, not only the first one the
-- registry's trigger would raise. Returns {issues: [{column, code, hint}], id_number: the
-- 18-character number or null, values: the row's attributes as the registry takes them}.
-- * id_number: required (the upsert key); normalised and checked as residents_before_write does
--   (the same codes and words: id_number_invalid, id_number_check_failed).
-- * Text cells: tidied; empty = not given (an empty cell never clears a stored value).
-- * phone: phone_invalid when it is no mobile, landline or international number.
-- * sex: 1/2 or 男/女 (GB/T 2261.1), only checked against the number (resident_sex_mismatch):
--   the registry derives it.
-- * Codes (ethnicity, political_status, marital_status): the code or its Chinese label
--   (resident_codes), else resident_code_invalid naming the standard.
-- * grid_org_unit_id: a unit's uuid or its code; registry_unit_invalid when neither names a unit.
-- * tags: an array (or a text separated by 、,，;；) of tag kinds, by key or Chinese label:
--   resident_tag_unknown, resident_tag_derived (age tags follow from the birth date).
-- * Any other key: import_column_unknown (a mapping the database does not know).
create or replace function private.resident_import_values(p_values jsonb) returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  uuid_pattern constant text := '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
  issues jsonb := '[]';
  out jsonb := '{}';
  raw_id text;
  typed text;
  v text;
  code text;
  code_list text;
  unit uuid;
  tag text;
  tag_key text;
  tag_keys jsonb := '[]';
  key text;
begin
  if jsonb_typeof(p_values) is distinct from 'object' then
    return jsonb_build_object('issues', jsonb_build_array(jsonb_build_object('column', '', 'code', 'row_invalid',
      'hint', '此行没有可导入的数据 / This row has no values to import')), 'id_number', null, 'values', '{}'::jsonb);
  end if;
  for key in select jsonb_object_keys(p_values) loop
    if key not in ('name', 'id_number', 'phone', 'sex', 'ethnicity', 'political_status', 'marital_status', 'address', 'grid_org_unit_id', 'tags') then
      issues := issues || jsonb_build_object('column', key, 'code', 'import_column_unknown',
        'hint', format('“%s”不是居民档案的字段 / "%s" is not an attribute of the resident registry', key, key));
    end if;
  end loop;

  typed := nullif(private.tidy_text(p_values ->> 'id_number'), '');
  raw_id := private.normalized_id_number(typed);
  if typed is null then
    issues := issues || jsonb_build_object('column', 'id_number', 'code', 'id_number_required',
      'hint', '请填写身份证号：导入按身份证号登记或更新居民 / Enter the ID number: the import registers or updates people by their ID number');
  elsif raw_id is null then
    issues := issues || jsonb_build_object('column', 'id_number', 'code', 'id_number_invalid',
      'hint', '身份证号应为 18 位（末位可为 X）或旧式 15 位数字 / An ID number has 18 characters (the last may be X), or 15 digits in the old form');
  elsif private.id_number_check_char(raw_id) <> right(raw_id, 1) then
    issues := issues || jsonb_build_object('column', 'id_number', 'code', 'id_number_check_failed',
      'hint', '身份证号校验位不符，请核对号码 / The ID number''s check character does not match: check the number');
    raw_id := null;
  elsif not private.is_valid_id_number(raw_id, private.local_today()) then
    issues := issues || jsonb_build_object('column', 'id_number', 'code', 'id_number_invalid',
      'hint', '身份证号中的出生日期无效 / The birth date in the ID number is not a valid date');
    raw_id := null;
  end if;

  foreach key in array array['name', 'address'] loop
    v := nullif(private.tidy_text(p_values ->> key), '');
    if v is not null then
      out := out || jsonb_build_object(key, v);
    end if;
  end loop;

  v := nullif(private.tidy_text(p_values ->> 'phone'), '');
  if v is not null then
    if private.resident_phone(v) is null then
      issues := issues || jsonb_build_object('column', 'phone', 'code', 'phone_invalid',
        'hint', '请填写 11 位手机号或带区号的固定电话（如 0743-8221234） / Enter an 11-digit mobile number or a landline with its area code (e.g. 0743-8221234)');
    else
      out := out || jsonb_build_object('phone', v);
    end if;
  end if;

  v := nullif(private.tidy_text(p_values ->> 'sex'), '');
  if v is not null then
    code := case when v in ('1', '男', '男性') then '1' when v in ('2', '女', '女性') then '2' end;
    if code is null or (raw_id is not null and code <> case when substr(raw_id, 17, 1)::int % 2 = 1 then '1' else '2' end) then
      issues := issues || jsonb_build_object('column', 'sex', 'code', 'resident_sex_mismatch',
        'hint', '性别与身份证号不符（性别由身份证号第 17 位得出） / The sex does not match the ID number (it follows from its 17th digit)');
    end if;
  end if;

  foreach code_list in array array['ethnicity', 'political_status', 'marital_status'] loop
    v := nullif(private.tidy_text(p_values ->> code_list), '');
    continue when v is null;
    code := (select c.code from public.resident_codes c where c.list = code_list and (c.code = v or c.label_zh = v) order by c.code = v desc limit 1);
    if code is null then
      issues := issues || jsonb_build_object('column', code_list, 'code', 'resident_code_invalid',
        'hint', format('“%s”不是有效的%s代码 / "%s" is not a valid %s code', v,
          case code_list when 'ethnicity' then '民族（GB/T 3304）' when 'political_status' then '政治面貌（GB/T 4762）' else '婚姻状况（GB/T 2261.2）' end, v,
          case code_list when 'ethnicity' then 'ethnicity (GB/T 3304)' when 'political_status' then 'political status (GB/T 4762)' else 'marital status (GB/T 2261.2)' end));
    else
      out := out || jsonb_build_object(code_list, code);
    end if;
  end loop;

  v := nullif(private.tidy_text(p_values ->> 'grid_org_unit_id'), '');
  if v is not null then
    unit := case when lower(v) ~ uuid_pattern then (select u.id from public.org_units u where u.id = lower(v)::uuid)
                 else (select u.id from public.org_units u where u.code = v) end;
    if unit is null then
      issues := issues || jsonb_build_object('column', 'grid_org_unit_id', 'code', 'registry_unit_invalid',
        'hint', '请选择居住的网格（或社区）/ Choose the grid (or community) the person lives in');
    else
      out := out || jsonb_build_object('grid_org_unit_id', unit);
    end if;
  end if;

  if jsonb_typeof(p_values -> 'tags') in ('array', 'string') then
    for tag in
      select nullif(private.tidy_text(t), '')
        from jsonb_array_elements_text(case when jsonb_typeof(p_values -> 'tags') = 'array' then p_values -> 'tags' else '[]' end) t
      union all
      select nullif(private.tidy_text(t), '')
        from regexp_split_to_table(case when jsonb_typeof(p_values -> 'tags') = 'string' then p_values ->> 'tags' end, '[、,，;；]+') t
    loop
      continue when tag is null;
      select k.key, case when k.min_age is not null then 'derived' end into tag_key, code
        from public.resident_tag_kinds k where k.key = tag or k.label_zh = tag;
      if tag_key is null then
        issues := issues || jsonb_build_object('column', 'tags', 'code', 'resident_tag_unknown',
          'hint', format('没有“%s”这种标签 / There is no tag "%s"', tag, tag));
      elsif code = 'derived' then
        issues := issues || jsonb_build_object('column', 'tags', 'code', 'resident_tag_derived',
          'hint', '年龄类标签由出生日期自动得出，不能手工添加 / Age tags follow from the birth date and are not added by hand');
      elsif not tag_keys ? tag_key then
        tag_keys := tag_keys || to_jsonb(tag_key);
      end if;
    end loop;
    out := out || jsonb_build_object('tags', tag_keys);
  elsif jsonb_typeof(p_values -> 'tags') not in ('null') then
    issues := issues || jsonb_build_object('column', 'tags', 'code', 'resident_tag_unknown',
      'hint', '标签应为标签名称的列表 / Tags are a list of tag names');
  end if;

  return jsonb_build_object('issues', issues, 'id_number', raw_id, 'values', out);
end;
$$;

revoke execute on function private.resident_import_values(jsonb) from public, anon;
grant execute on function private.resident_import_values(jsonb) to authenticated, service_role;
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
  writable := private.my_scope_units('update');
  if cardinality(writable) = 0 then
    perform private.raise_record_error('PT403', 'registry_write_forbidden',
      '您不能登记或修改居民信息 / You may not register or change residents');
  end if;
  perform private.check_import_batch(p_batch_id, 'residents', null);
  perform set_config('app.resident_source', 'import', true), set_config('app.resident_source_ref', p_batch_id::text, true);

  begin
    for item in select value from jsonb_array_elements(p_rows) loop
      row_no := case when jsonb_typeof(item -> 'row') = 'number' then (item ->> 'row')::numeric::int end;
      checked := private.resident_import_values(item -> 'values');
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

-- routine: supabase/routines/public/save_import_mapping.sql
-- Remembers the import wizard's column mapping for a target: residents (p_service_id null) or a
-- service's records — the next upload of the same kind of sheet starts from it. One mapping per
-- (target, service), replaced by the newest save. Allowed to whoever may write the registry
-- somewhere (residents) or create records of the service somewhere (records): the table's
-- policies; refused import_mapping_forbidden (403). The mapping's shape is the trigger's
-- (import_mappings_before_write: import_mapping_invalid, import_target_invalid).
-- Returns the saved row {target, service_id, mapping, updated_at}.
-- security invoker: the write is the caller's, under the table's RLS.
create or replace function public.save_import_mapping(p_target text, p_service_id uuid, p_mapping jsonb) returns jsonb
language plpgsql security invoker set search_path = '' as $$
declare
  saved public.import_mappings;
begin
  if p_target is null or p_target not in ('residents', 'records') or (p_target = 'residents') <> (p_service_id is null) then
    perform private.raise_record_error('PT400', 'import_target_invalid',
      '居民导入不属于任何服务，记录导入须指明服务 / A residents mapping has no service; a records mapping needs one');
  end if;
  if not (case when p_target = 'residents' then cardinality(private.my_scope_units('update')) > 0
               else exists (select 1 from private.my_record_scope('create') s where s.service_id = p_service_id) end) then
    perform private.raise_record_error('PT403', 'import_mapping_forbidden',
      '您不能保存此导入的列对应关系 / You may not save the column mapping of this import');
  end if;
  insert into public.import_mappings as m (target, service_id, mapping)
  values (p_target, p_service_id, p_mapping)
  on conflict (target, service_id) do update set mapping = excluded.mapping
  returning * into saved;
  return jsonb_build_object('target', saved.target, 'service_id', saved.service_id, 'mapping', saved.mapping, 'updated_at', saved.updated_at);
end;
$$;

revoke execute on function public.save_import_mapping(text, uuid, jsonb) from public, anon;
grant execute on function public.save_import_mapping(text, uuid, jsonb) to authenticated;
-- end routine

-- Hand-written DDL that names the routines (triggers, policies, grants), or nothing.

create trigger import_mappings_before_write
before insert or update on public.import_mappings
for each row execute function private.import_mappings_before_write();

alter table public.import_batches enable row level security;
alter table public.import_mappings enable row level security;

-- A batch is its creator's to read; only the import RPCs write it (private.note_import_batch).
create policy "Users read the import batches they started"
on public.import_batches for select to authenticated
using (created_by = (select auth.uid()));

-- The residents mapping: read by the registry's readers, written by its writers; a service's
-- mapping: read by whoever reads the service somewhere, written by whoever may create its records.
create policy "Users read the import mappings of what they read"
on public.import_mappings for select to authenticated
using (case when target = 'residents' then cardinality((select private.my_scope_units('read'))) > 0
            else service_id in (select s.service_id from private.my_record_scope('read') s) end);

create policy "Users save import mappings where they may import"
on public.import_mappings for insert to authenticated
with check (case when target = 'residents' then cardinality((select private.my_scope_units('update'))) > 0
                 else service_id in (select s.service_id from private.my_record_scope('create') s) end);

create policy "Users change import mappings where they may import"
on public.import_mappings for update to authenticated
using (case when target = 'residents' then cardinality((select private.my_scope_units('update'))) > 0
            else service_id in (select s.service_id from private.my_record_scope('create') s) end)
with check (case when target = 'residents' then cardinality((select private.my_scope_units('update'))) > 0
                 else service_id in (select s.service_id from private.my_record_scope('create') s) end);

revoke all on public.import_batches, public.import_mappings from anon;
grant select on public.import_batches to authenticated, service_role;
grant select, insert (target, service_id, mapping), update (mapping) on public.import_mappings to authenticated;
grant select on public.import_mappings to service_role;
