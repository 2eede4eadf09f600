-- The residents import takes households (issue 12, item 7; the registry's households of item 1):
-- 户号 (household_number) and 与户主关系 (relation, GB/T 4761, code or label) put the person in the
-- household with that number the importer reads (one in their writing scope first), or in one
-- registered at their grid and address; a person in another household moves. The two columns
-- come together (household_relation_required / household_number_required); a second 户主 is
-- refused on its row (household_head_exists, on the relation column). Communities' 人口台账
-- carry both, and until now the import dropped them and households were typed by hand.
-- Routines between "-- routine:" and "-- end routine" are copies written by
-- `npm run db:migration`; edit supabase/routines/, never the copy.

-- Hand-written DDL the routines rely on (tables, columns, types), or nothing.
-- import_resident_row finds a household by its number once per row: an index, so a 50,000-row
-- sheet does not scan every household for every row.
create index households_number_idx on public.households (household_number) where household_number is not null;

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
-- source_batch_id: resident_tags_before_write). A row with a household number (户号) puts the
-- person in that household with its relation to the head: the household with that number the
-- caller reads (one in their writing scope first), else one registered at the person's grid and
-- the row's (else the person's) address; a person already in another household moves to it.
-- The household triggers check scope, the relation code and one head per household
-- (household_head_exists). Returns 'created', 'updated' or 'unchanged'.
-- Not security definer: every write is the caller's, under their RLS.
create or replace function private.import_resident_row(p_id_number text, p_values jsonb, p_writable uuid[]) returns text
language plpgsql set search_path = '' as $$
declare
  person public.residents;
  person_id uuid := private.resident_by_id_number(p_id_number);
  outcome text;
  kind_key text;
  today date := private.local_today();
  given_number text := p_values ->> 'household_number';
  household uuid;
  membership public.household_members;
begin
  if person_id is null then
    insert into public.residents (name, id_number, phone, ethnicity, political_status, marital_status, address, grid_org_unit_id,
                                  hukou_region, hukou_address)
    values (p_values ->> 'name', p_id_number, p_values ->> 'phone', p_values ->> 'ethnicity', p_values ->> 'political_status',
            p_values ->> 'marital_status', p_values ->> 'address', (p_values ->> 'grid_org_unit_id')::uuid,
            p_values ->> 'hukou_region', p_values ->> 'hukou_address');
    -- not RETURNING: that would evaluate the residents read policy once more per row
    person_id := private.resident_by_id_number(p_id_number);
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
       or (p_values ? 'hukou_address' and p_values ->> 'hukou_address' is distinct from person.hukou_address)
       or (p_values ? 'hukou_region' and p_values ->> 'hukou_region' is distinct from person.hukou_region)
       or (p_values ? 'ethnicity' and p_values ->> 'ethnicity' is distinct from person.ethnicity)
       or (p_values ? 'political_status' and p_values ->> 'political_status' is distinct from person.political_status)
       or (p_values ? 'marital_status' and p_values ->> 'marital_status' is distinct from person.marital_status)
       or (p_values ? 'grid_org_unit_id' and (p_values ->> 'grid_org_unit_id')::uuid <> person.grid_org_unit_id)
       or (p_values ? 'phone' and not private.resident_holds_value(person.id, 'phone', private.resident_phone(p_values ->> 'phone'))) then
      update public.residents r set
        name = coalesce(p_values ->> 'name', r.name),
        phone = coalesce(p_values ->> 'phone', r.phone),
        address = coalesce(p_values ->> 'address', r.address),
        hukou_address = coalesce(p_values ->> 'hukou_address', r.hukou_address),
        hukou_region = coalesce(p_values ->> 'hukou_region', r.hukou_region),
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
  if given_number is not null then
    select h.id into household from public.households h
     where h.household_number = given_number
     order by (h.grid_org_unit_id = any (p_writable)) desc, h.created_at, h.id limit 1;
    if household is null then
      insert into public.households (address, household_number, grid_org_unit_id)
      select coalesce(p_values ->> 'address', r.address), given_number, r.grid_org_unit_id
        from public.residents r where r.id = person_id
      returning id into household;
    end if;
    select * into membership from public.household_members m where m.resident_id = person_id;
    if membership.resident_id is null then
      insert into public.household_members (resident_id, household_id, relation) values (person_id, household, p_values ->> 'relation');
      outcome := case when outcome = 'unchanged' then 'updated' else outcome end;
    elsif membership.household_id <> household or membership.relation <> p_values ->> 'relation' then
      update public.household_members m set household_id = household, relation = p_values ->> 'relation', row_version = membership.row_version + 1
       where m.resident_id = person_id;
      outcome := case when outcome = 'unchanged' then 'updated' else outcome end;
    end if;
  end if;
  return outcome;
end;
$$;

revoke execute on function private.import_resident_row(text, jsonb, uuid[]) from public, anon;
grant execute on function private.import_resident_row(text, jsonb, uuid[]) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/private/resident_import_lookups.sql
-- What a residents import looks values up in, read once per call (resident_import_values takes it
-- per row): {codes: {list: {code or Chinese label: code}}, tags: {key or Chinese label: {key,
-- derived}}, units: {uuid or unit code as the rows give it: uuid}} — the code lists (GB/T 3304,
-- 4762, 2261.2, 4761), the tag kinds (derived = an age kind, never stored) and the units the rows name.
-- A code wins over a label that happens to spell another code.
create or replace function private.resident_import_lookups(p_rows jsonb) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object(
    'codes', (select coalesce(jsonb_object_agg(l.list, l.entries), '{}')
                from (select c.list, jsonb_object_agg(k.spelling, c.code order by k.is_code, c.code) entries
                        from public.resident_codes c
                        cross join lateral (values (c.label_zh, false), (c.code, true)) k(spelling, is_code)
                       where c.list in ('ethnicity', 'political_status', 'marital_status', 'household_relation')
                       group by c.list) l),
    'tags', (select coalesce(jsonb_object_agg(k.spelling, jsonb_build_object('key', t.key, 'derived', t.min_age is not null) order by k.is_key), '{}')
               from public.resident_tag_kinds t
               cross join lateral (values (t.label_zh, false), (t.key, true)) k(spelling, is_key)),
    'units', (select coalesce(jsonb_object_agg(g.given, u.id), '{}')
                from (select distinct private.tidy_text(r -> 'values' ->> 'grid_org_unit_id') as given
                        from jsonb_array_elements(case when jsonb_typeof(p_rows) = 'array' then p_rows else '[]' end) r) g
                join public.org_units u
                  on u.id = case when lower(g.given) ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then lower(g.given)::uuid end
                  or u.code = g.given))
$$;

revoke execute on function private.resident_import_lookups(jsonb) from public, anon;
grant execute on function private.resident_import_lookups(jsonb) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/private/resident_import_values.sql
-- Checks and normalises one row of a residents import before anything is written, so that a row
-- gets every problem the database can tell from its values alone, not only the first one the
-- registry's trigger would raise. Returns {issues: [{column, code, hint}], id_number: the
-- 18-character number or null, values: the row's attributes as the registry takes them}.
-- * id_number: required (the upsert key); normalised and checked as residents_before_write does
--   (the same codes and words: id_number_invalid, id_number_check_failed).
-- * Text cells: tidied; empty = not given (an empty cell never clears a stored value).
-- * hukou_region: a 6-digit GB/T 2260 county code or a 12-digit township/village code
--   (hukou_region_invalid), hukou_address text (the trigger's length rule).
-- * phone: phone_invalid when it is no mobile, landline or international number.
-- * sex: 1/2 or 男/女 (GB/T 2261.1), only checked against the number (resident_sex_mismatch):
--   the registry derives it.
-- * Codes (ethnicity, political_status, marital_status): the code or its Chinese label
--   (resident_codes), else resident_code_invalid naming the standard.
-- * grid_org_unit_id: a unit's uuid or its code; registry_unit_invalid when neither names a unit.
-- * household_number (户号) and relation (与户主关系, GB/T 4761, code or Chinese label): given
--   together or not at all (household_relation_required / household_number_required); the
--   household is found or registered by import_resident_row.
-- * tags: an array (or a text separated by 、,，;；) of tag kinds, by key or Chinese label:
--   resident_tag_unknown, resident_tag_derived (age tags follow from the birth date).
-- * Any other key: import_column_unknown (a mapping the database does not know).
-- p_lookups (resident_import_lookups, built once per call): the code lists, tag kinds and units
-- as maps, so that a row costs no query of its own (each would pass the tables' RLS again).
create or replace function private.resident_import_values(p_values jsonb, p_lookups jsonb) returns jsonb
language plpgsql stable set search_path = '' as $$
declare
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
    if key not in ('name', 'id_number', 'phone', 'sex', 'ethnicity', 'political_status', 'marital_status', 'address', 'grid_org_unit_id', 'tags',
                   'hukou_region', 'hukou_address', 'household_number', 'relation') then
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

  foreach key in array array['name', 'address', 'hukou_address', 'hukou_region'] loop
    v := nullif(private.tidy_text(p_values ->> key), '');
    if v is not null then
      out := out || jsonb_build_object(key, v);
    end if;
  end loop;

  -- the registry trigger's rule (residents_before_write), reported on its column before the write
  if out ->> 'hukou_region' !~ '^[1-9][0-9]{5}([0-9]{6})?$' then
    issues := issues || jsonb_build_object('column', 'hukou_region', 'code', 'hukou_region_invalid',
      'hint', '户籍地区划代码应为 6 位县级代码（GB/T 2260，如 433101）或 12 位乡镇、村（社区）代码 / '
              || 'The hukou region code is a 6-digit county code (GB/T 2260, e.g. 433101) or a 12-digit township and village (community) code');
    out := out - 'hukou_region';
  end if;

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
    code := p_lookups #>> array['codes', code_list, v];
    if code is null then
      issues := issues || jsonb_build_object('column', code_list, 'code', 'resident_code_invalid',
        'hint', format('“%s”不是有效的%s代码 / "%s" is not a valid %s code', v,
          case code_list when 'ethnicity' then '民族（GB/T 3304）' when 'political_status' then '政治面貌（GB/T 4762）' else '婚姻状况（GB/T 2261.2）' end, v,
          case code_list when 'ethnicity' then 'ethnicity (GB/T 3304)' when 'political_status' then 'political status (GB/T 4762)' else 'marital status (GB/T 2261.2)' end));
    else
      out := out || jsonb_build_object(code_list, code);
    end if;
  end loop;

  v := nullif(private.tidy_text(p_values ->> 'household_number'), '');
  if char_length(v) > 30 then
    issues := issues || jsonb_build_object('column', 'household_number', 'code', 'text_too_long',
      'hint', '户号最多 30 个字符 / A household number has at most 30 characters');
  elsif v is not null then
    out := out || jsonb_build_object('household_number', v);
  end if;
  v := nullif(private.tidy_text(p_values ->> 'relation'), '');
  if v is not null then
    code := p_lookups #>> array['codes', 'household_relation', v];
    if code is null then
      issues := issues || jsonb_build_object('column', 'relation', 'code', 'resident_code_invalid',
        'hint', format('“%s”不是有效的与户主关系代码（GB/T 4761） / "%s" is not a valid relation to the head of household (GB/T 4761)', v, v));
    else
      out := out || jsonb_build_object('relation', code);
    end if;
  end if;
  if out ? 'household_number' and not out ? 'relation' and not issues @> '[{"column": "relation"}]' then
    issues := issues || jsonb_build_object('column', 'relation', 'code', 'household_relation_required',
      'hint', '填写户号时请填写与户主关系（户主填“户主”） / With a household number, give the relation to the head (户主 for the head)');
  elsif out ? 'relation' and not out ? 'household_number' and not issues @> '[{"column": "household_number"}]' then
    issues := issues || jsonb_build_object('column', 'household_number', 'code', 'household_number_required',
      'hint', '填写与户主关系时请填写户号 / With a relation to the head, give the household number');
  end if;

  v := nullif(private.tidy_text(p_values ->> 'grid_org_unit_id'), '');
  if v is not null then
    unit := (p_lookups #>> array['units', v])::uuid;
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
      tag_key := p_lookups #>> array['tags', tag, 'key'];
      code := p_lookups #>> array['tags', tag, 'derived'];
      if tag_key is null then
        issues := issues || jsonb_build_object('column', 'tags', 'code', 'resident_tag_unknown',
          'hint', format('没有“%s”这种标签 / There is no tag "%s"', tag, tag));
      elsif code = 'true' then
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

revoke execute on function private.resident_import_values(jsonb, jsonb) from public, anon;
grant execute on function private.resident_import_values(jsonb, jsonb) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/public/import_residents.sql
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
-- end routine

-- Hand-written DDL that names the routines (triggers, policies, grants), or nothing.
