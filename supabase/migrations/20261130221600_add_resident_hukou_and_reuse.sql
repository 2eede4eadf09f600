-- 一表通 for a returning person (issue 12, "typing saved"): what staff still typed for somebody
-- the registry knows was their 户籍 and the facts of their last application.
-- * residents.hukou_region (GB/T 2260 county code, 6 digits, or a 12-digit township/village
--   code) and residents.hukou_address (户籍地址): checked and tidied by residents_before_write,
--   tracked in the events' diffs, writable by the registry's writers, importable
--   (import_residents: hukou_region, hukou_address), written back from a record (hukou_address).
-- * prefillFrom gains hukou_region, hukou_address and the derived hukou_local (the 户籍 lies in
--   the county of the person's grid: private.hukou_is_local); records_link_answer fills
--   hukou_address and hukou_local where the form sent nothing.
-- * A field's `reuse: true`: filled from the person's newest previous record of the service that
--   the writer reads. The form shows it (sensitive answers masked); records_link_answer turns a
--   mask sent back unchanged into that record's raw answer, only for a writer who reads it.
--   check_derived_fields checks the option (not on files, the resident field, derived or
--   prefillFrom fields; needs a resident field).
-- Routines between "-- routine:" and "-- end routine" are copies written by
-- `npm run db:migration`; edit supabase/routines/, never the copy.

alter table public.residents
  add column hukou_region text check (hukou_region ~ '^[1-9][0-9]{5}([0-9]{6})?$'),
  add column hukou_address text check (char_length(hukou_address) <= 200);
comment on column public.residents.hukou_region is '户籍地: a GB/T 2260 county code (6 digits; ending in 00 = only the prefecture or province is known) or a 12-digit township and village (community) code. Decides hukou_local (private.hukou_is_local).';
comment on column public.residents.hukou_address is '户籍地址 as on the household register (≤ 200 characters).';

-- the registry's writers set them like the other attributes (column privileges, as in 20261130200000)
grant insert (hukou_region, hukou_address), update (hukou_region, hukou_address) on public.residents to authenticated;

-- routine: supabase/routines/private/check_derived_fields.sql
-- check_service_definition's part for derived values, defaults, the record-unit field and
-- rules[] (src/services/crossCheckDerive.ts and ruleSchema.ts): functions and their source and
-- target types, references that exist, no derivation loops, a birth date derived from a
-- sensitive ID number sensitive itself (it would give away the masked digits, see
-- docs/security-model.md), defaults that fit their type, one record-unit org_unit field, the
-- registry attribute a field holds (prefillFrom) known and in a type that can hold it, `reuse`
-- (filled from the person's previous application) a boolean on a field of a definition with a
-- resident field, not on files, the resident field, derived or prefillFrom fields, rules
-- with a require condition, known operators, a message and fields that exist. `def -> 'fields'` is an array.
create or replace function private.check_derived_fields(def jsonb) returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  errors jsonb := '[]';
  fields jsonb := def -> 'fields';
  by_key jsonb;
  field jsonb;
  spec jsonb;
  rule jsonb;
  i int;
  at text;
  source_key text;
  sources text[];
  source_types text[];
  target_types text[];
  attribute_types text[];
  fn text;
  settled text[] := '{}';
  pending text[];
  progress boolean := true;
  deps jsonb := '{}';
  key text;
begin
  select coalesce(jsonb_object_agg(f ->> 'key', f), '{}') into by_key
    from jsonb_array_elements(fields) f where jsonb_typeof(f) = 'object' and jsonb_typeof(f -> 'key') = 'string';
  for field, i in select f, (n - 1)::int from jsonb_array_elements(fields) with ordinality as t(f, n) loop
    continue when jsonb_typeof(field) is distinct from 'object';
    at := format('fields[%s]', i);
    if field ? 'derive' then
      spec := field -> 'derive';
      fn := spec ->> 'fn';
      sources := case
        when jsonb_typeof(spec) <> 'object' then null
        when fn in ('birth_date', 'sex', 'age') and jsonb_typeof(spec -> 'from') = 'string' then array[spec ->> 'from']
        when fn = 'sum' and jsonb_typeof(spec -> 'of') = 'array' and jsonb_array_length(spec -> 'of') > 0 then array(select jsonb_array_elements_text(spec -> 'of'))
        when fn = 'difference' and jsonb_typeof(spec -> 'of') = 'array' and jsonb_array_length(spec -> 'of') = 2 then array(select jsonb_array_elements_text(spec -> 'of'))
        when fn = 'days_between' and jsonb_typeof(spec -> 'from') = 'string' and jsonb_typeof(spec -> 'to') = 'string' then array[spec ->> 'from', spec ->> 'to']
      end;
      if sources is null then
        errors := errors || private.definition_error(at || '.derive', 'invalid_value',
          '{"values": "birth_date | sex | age (from) · sum | difference (of) · days_between (from, to)"}');
        continue;
      end if;
      deps := deps || jsonb_build_object(field ->> 'key', to_jsonb(sources));
      select s, t into source_types, target_types from (values
        ('birth_date', array['id_number'], array['date']),
        ('sex', array['id_number'], array['select', 'text']),
        ('age', array['id_number', 'date'], array['number']),
        ('sum', array['number', 'money'], array['number', 'money']),
        ('difference', array['number', 'money'], array['number', 'money']),
        ('days_between', array['date'], array['number'])
      ) as m(f, s, t) where m.f = fn;
      if not (field ->> 'type') = any (target_types) then
        errors := errors || private.definition_error(at || '.type', 'derive_target_type', jsonb_build_object('fn', fn, 'type', field ->> 'type'));
      end if;
      if fn = 'sex' and field ->> 'type' = 'select'
         and not (jsonb_path_query_array(field, '$.options[*].value') @> '["male", "female"]') then
        errors := errors || private.definition_error(at || '.options', 'derive_sex_options');
      end if;
      foreach source_key in array sources loop
        if source_key = field ->> 'key' then
          errors := errors || private.definition_error(at || '.derive', 'self_reference');
        elsif not by_key ? source_key then
          errors := errors || private.definition_error(at || '.derive', 'unknown_field_ref', jsonb_build_object('field', source_key));
        elsif not coalesce(by_key #>> array[source_key, 'type'], '') = any (source_types) then
          errors := errors || private.definition_error(at || '.derive', 'derive_source_type',
            jsonb_build_object('fn', fn, 'field', source_key, 'type', by_key #>> array[source_key, 'type']));
        elsif fn = 'birth_date' and by_key #> array[source_key, 'sensitive'] = 'true'::jsonb and field -> 'sensitive' is distinct from 'true'::jsonb then
          errors := errors || private.definition_error(at || '.sensitive', 'derive_birth_date_sensitive', jsonb_build_object('field', source_key));
        end if;
      end loop;
      if field ? 'default' then
        errors := errors || private.definition_error(at || '.default', 'derive_default');
      end if;
    end if;
    if jsonb_typeof(field -> 'default') = 'object' and not (
         (field -> 'default' = '{"currentUser": true}' and field ->> 'type' = 'user')
      or (field -> 'default' = '{"now": true}' and field ->> 'type' = 'datetime')
      or (field -> 'default' = '{"today": true}' and field ->> 'type' = 'date')) then
      errors := errors || private.definition_error(at || '.default', 'default_type', jsonb_build_object('type', field ->> 'type'));
    end if;
    if field ? 'recordUnit' and (jsonb_typeof(field -> 'recordUnit') <> 'boolean' or (field -> 'recordUnit' = 'true'::jsonb and field ->> 'type' <> 'org_unit')) then
      errors := errors || private.definition_error(at || '.recordUnit', 'record_unit_type');
    end if;
    -- the registry attribute the field holds (src/contract/residentAttributes.ts): a known one,
    -- in a field type that can hold it
    if field ? 'prefillFrom' then
      attribute_types := case field ->> 'prefillFrom'
        when 'name' then array['text'] when 'id_number' then array['id_number']
        when 'phone' then array['phone'] when 'address' then array['text', 'textarea'] when 'ethnicity' then array['select']
        when 'political_status' then array['select'] when 'marital_status' then array['select'] when 'grid' then array['org_unit']
        when 'hukou_region' then array['text'] when 'hukou_address' then array['text', 'textarea'] when 'hukou_local' then array['boolean'] end;
      if jsonb_typeof(field -> 'prefillFrom') <> 'string' or attribute_types is null then
        errors := errors || private.definition_error(at || '.prefillFrom', 'invalid_value',
          '{"values": "name | id_number | phone | address | ethnicity | political_status | marital_status | grid | hukou_region | hukou_address | hukou_local"}');
      elsif not (field ->> 'type') = any (attribute_types) then
        errors := errors || private.definition_error(at || '.prefillFrom', 'prefill_type',
          jsonb_build_object('attribute', field ->> 'prefillFrom', 'type', field ->> 'type', 'types', array_to_string(attribute_types, ' | ')));
      end if;
    end if;
    -- reuse: filled from the person's previous application of this service (records_link_answer,
    -- the form's useResidentPrefill); a file would have to be copied or re-owned to be reused, a
    -- resident, derived or registry-filled field has its own source
    if field ? 'reuse' then
      if jsonb_typeof(field -> 'reuse') <> 'boolean' then
        errors := errors || private.definition_error(at || '.reuse', 'wrong_type', '{"expected": "boolean", "expected_zh": "布尔值"}');
      elsif field -> 'reuse' = 'true'::jsonb then
        if field ->> 'type' in ('attachment', 'image', 'resident') then
          errors := errors || private.definition_error(at || '.reuse', 'reuse_type', jsonb_build_object('type', field ->> 'type'));
        elsif field ? 'derive' or field ? 'prefillFrom' then
          errors := errors || private.definition_error(at || '.reuse', 'reuse_conflict');
        elsif not exists (select 1 from jsonb_array_elements(fields) f where f ->> 'type' = 'resident') then
          errors := errors || private.definition_error(at || '.reuse', 'reuse_needs_resident_field');
        end if;
      end if;
    end if;
  end loop;
  if (select count(*) from jsonb_array_elements(fields) f where f -> 'recordUnit' = 'true'::jsonb) > 1 then
    errors := errors || private.definition_error('fields', 'record_unit_once');
  end if;
  -- the record links to one person (records.resident_id): one resident field
  if (select count(*) from jsonb_array_elements(fields) f where f ->> 'type' = 'resident') > 1 then
    errors := errors || private.definition_error('fields', 'resident_field_once');
  end if;

  -- loops: settle the derived fields whose sources are answers or settled; what is left loops
  pending := array(select jsonb_object_keys(deps));
  while progress loop
    progress := false;
    foreach key in array pending loop
      continue when key = any (settled);
      if not exists (select 1 from jsonb_array_elements_text(deps -> key) s where deps ? s and not s = any (settled)) then
        settled := settled || key;
        progress := true;
      end if;
    end loop;
  end loop;
  if cardinality(pending) > cardinality(settled) then
    select format('fields[%s].derive', (n - 1)::int) into at
      from jsonb_array_elements(fields) with ordinality as t(f, n)
     where f ->> 'key' = any (pending) and not (f ->> 'key') = any (settled) order by n limit 1;
    errors := errors || private.definition_error(at, 'derive_cycle', jsonb_build_object('cycle',
      array_to_string(array(select p from unnest(pending) p where not p = any (settled)), ' → ')));
  end if;

  -- rules[]
  if def ? 'rules' and jsonb_typeof(def -> 'rules') <> 'array' then
    errors := errors || private.wrong_type('rules', 'array');
  else
    for rule, i in select r, (n - 1)::int from jsonb_array_elements(coalesce(def -> 'rules', '[]')) with ordinality as t(r, n) loop
      at := format('rules[%s]', i);
      if jsonb_typeof(rule) <> 'object' or jsonb_typeof(rule -> 'require') <> 'object' then
        errors := errors || private.definition_error(at || '.require', 'required');
        continue;
      end if;
      if exists (select 1 from jsonb_path_query(rule, 'lax $.**.op') o
                  where o #>> '{}' is null or o #>> '{}' not in ('eq', 'neq', 'in', 'nin', 'empty', 'not_empty', 'gt', 'gte', 'lt', 'lte')) then
        errors := errors || private.definition_error(at || '.require', 'invalid_value',
          '{"values": "eq | neq | in | nin | empty | not_empty | gt | gte | lt | lte"}');
      end if;
      if jsonb_typeof(rule -> 'message') is distinct from 'string' or private.is_empty_answer(rule -> 'message') then
        errors := errors || private.definition_error(at || '.message', 'required');
      end if;
      foreach key in array private.condition_field_keys(rule -> 'when') || private.condition_field_keys(rule -> 'require')
                           || array_remove(array[rule ->> 'field'], null) loop
        if key is null or not by_key ? key then
          errors := errors || private.definition_error(at, 'unknown_field_ref', jsonb_build_object('field', coalesce(key, '')));
        end if;
      end loop;
    end loop;
  end if;
  return errors;
end;
$$;
-- end routine


-- routine: supabase/routines/private/definition_error.sql
-- A definition problem as {path, code, params, message_zh, message_en}, with the bilingual
-- texts of src/services/definition-messages.ts filled in from params (key_changed and
-- field_type_frozen are the database's own: a published service keeps its key and its fields' types).
create or replace function private.definition_error(p_path text, p_code text, p_params jsonb default '{}') returns jsonb
language plpgsql immutable set search_path = '' as $$
declare
  zh text;
  en text;
  param record;
begin
  select m.zh, m.en into zh, en from (values
    ('required', '缺少必填项', 'Required'),
    ('wrong_type', '类型错误，应为{expected_zh}', 'Expected {expected}'),
    ('empty', '不能为空', 'Must not be empty'),
    ('too_few', '至少需要 {minimum} 项', 'Needs at least {minimum} items'),
    ('too_small', '不能小于 {minimum}', 'Must be at least {minimum}'),
    ('invalid_value', '取值无效，可选：{values}', 'Invalid value, expected one of: {values}'),
    ('key_format', '键名只能使用小写字母、数字和下划线，并以字母开头', 'Keys use lower-case letters, digits and underscores, and start with a letter'),
    ('role_key_format', '角色键名只能使用小写字母、数字和下划线，并以字母开头', 'Role keys use lower-case letters, digits and underscores, and start with a letter'),
    ('unknown_field_type', '未知的字段类型 "{type}"', 'Unknown field type "{type}"'),
    ('select_options_min', '下拉字段至少需要一个选项', 'A select field needs at least one option'),
    ('duplicate_option', '选项值 "{value}" 重复', 'Duplicate option value "{value}"'),
    ('pattern_invalid', '不是有效的正则表达式', 'Not a valid regular expression'),
    ('date_limit_format', '应为 YYYY-MM-DD 或 today', 'Expected YYYY-MM-DD or "today"'),
    ('sub_table_column_type', '子表列不支持类型 "{type}"', 'Sub-table columns cannot have type "{type}"'),
    ('duplicate_key', '键名 "{key}" 重复', 'Duplicate key "{key}"'),
    ('reserved_key', '"{key}" 是系统列名，不能用作字段键名', '"{key}" is a system column and cannot be a field key'),
    ('unknown_field_ref', '引用的字段 "{field}" 不存在', 'Refers to a field "{field}" that does not exist'),
    ('self_reference', '条件不能引用字段自身', 'A condition cannot refer to its own field'),
    ('condition_cycle', '显示条件形成循环：{cycle}', 'Visibility conditions form a cycle: {cycle}'),
    ('sensitive_controls_field', '敏感字段 "{field}" 不能作为 "{controlled}" 的条件（{condition}）：该字段是否显示或必填会泄露被遮挡的值',
     'Sensitive field "{field}" cannot be the condition of "{controlled}" ({condition}): whether that field is shown or required would reveal the masked value'),
    ('unknown_state', '状态 "{state}" 不存在', 'State "{state}" does not exist'),
    ('initial_terminal', '初始状态不能是终止状态', 'The initial state cannot be terminal'),
    ('terminal_outgoing', '终止状态 "{state}" 不能有流出的流转', 'Terminal state "{state}" cannot have outgoing transitions'),
    ('unit_code_format', '单位代码应为 6、9、12 或 15 位数字', 'A unit code has 6, 9, 12 or 15 digits'),
    ('escalation_choice_empty', '选择上报单位时需给出可选层级 levels 或单位 units', 'An escalation to a chosen unit needs levels or units'),
    ('set_value_or_from', '赋值需给出 value 或 from 之一', 'An assignment takes either value or from'),
    ('set_map_target_level', 'map 只能与 from: target_level 一起使用', 'map goes only with from: target_level'),
    ('unknown_transition_ref', '引用的流转 "{transition}" 不存在', 'Refers to a transition "{transition}" that does not exist'),
    ('staged_field_required', '分阶段填写的字段不能设为必填，请在对应流转的 requireFields 中要求它',
     'A staged field cannot be required; list it in its transition''s requireFields'),
    ('require_field_stage', '字段 "{field}" 不在此流转填写（应为登记时填写，或其 stage 包含此流转）',
     'Field "{field}" is not filled at this transition (make it an intake field or add this transition to its stage)'),
    ('target_level_without_escalation', '只有上报类流转（escalate）才能写入目标层级', 'Only an escalating transition can write the target level'),
    ('derive_target_type', '{fn} 的计算结果不能存入“{type}”类型的字段', 'The result of {fn} cannot be stored in a {type} field'),
    ('derive_source_type', '{fn} 不能从字段 "{field}"（{type}）计算', '{fn} cannot be computed from field "{field}" ({type})'),
    ('derive_sex_options', '由身份证号计算性别的下拉字段须有 male 和 female 两个选项', 'A select derived as sex needs the options male and female'),
    ('derive_birth_date_sensitive', '由敏感字段 "{field}" 计算的出生日期也必须标记为敏感：否则会泄露身份证号被遮挡的出生日期',
     'A birth date computed from the sensitive field "{field}" must be sensitive too: otherwise it reveals the masked digits of the ID number'),
    ('derive_default', '计算字段不能有默认值', 'A derived field cannot have a default'),
    ('derive_cycle', '计算字段形成循环：{cycle}', 'Derived fields form a cycle: {cycle}'),
    ('default_type', '默认值不适用于“{type}”类型：当前用户只用于人员字段，now 用于日期时间，today 用于日期',
     'This default does not fit a {type} field: currentUser is for user fields, now for date-times, today for dates'),
    ('record_unit_type', '只有单位字段（org_unit）能作为记录所属单位', 'Only an org_unit field can be the record''s unit'),
    ('record_unit_once', '只能有一个字段作为记录所属单位', 'Only one field can be the record''s unit'),
    ('resident_field_once', '只能有一个“居民”字段：记录只关联一位居民', 'Only one resident field: a record links to one resident'),
    ('unknown_property', '未知的属性 "{key}"（拼写错误？）', 'Unknown property "{key}" (a typo?)'),
    ('tags_need_resident_field', '写入居民档案需要表单中有“居民”字段：记录须关联一位居民', 'Writing tags to the registry needs a resident field: the record must link to a person'),
    ('tag_derived', '标签“{tag}”由出生日期自动得出，流转不能设置或结束它', 'Tag "{tag}" follows from the birth date; a transition cannot set or end it'),
    ('reuse_type', '“{type}”类型的字段不能沿用上次申请：附件须重新上传，居民字段由选择的居民决定', 'A {type} field cannot be reused from the last application: files are uploaded again, the resident field is the person picked'),
    ('reuse_conflict', '计算字段或从居民档案预填的字段不能再沿用上次申请', 'A derived field, or one pre-filled from the registry, cannot also be reused from the last application'),
    ('reuse_needs_resident_field', '沿用上次申请需要表单中有“居民”字段：上次申请按同一居民查找', 'Reusing the last application needs a resident field: the last application is found by the person'),
    ('prefill_type', '居民档案的“{attribute}”不能填入“{type}”类型的字段（可用：{types}）', 'The registry''s {attribute} cannot fill a {type} field (use: {types})'),
    ('permission_needs_read', '角色 "{role}" 有“{action_zh}”权限却没有“查看”：{action_zh}需要先能查看记录',
     'Role "{role}" has {action} but not read: {action} needs read'),
    ('key_changed', '服务键名不能修改，应为 "{key}"', 'The service key cannot change; expected "{key}"'),
    ('field_type_frozen', '字段 "{key}" 已发布为"{type}"类型，不能改类型；请新增一个字段', 'Field "{key}" was published as type "{type}" and cannot change type; add a new field instead')
  ) as m(code, zh, en) where m.code = p_code;
  zh := coalesce(zh, p_code);
  en := coalesce(en, p_code);
  for param in select key, value from jsonb_each(p_params) loop
    zh := replace(zh, '{' || param.key || '}', param.value #>> '{}');
    en := replace(en, '{' || param.key || '}', param.value #>> '{}');
  end loop;
  return jsonb_build_object('path', p_path, 'code', p_code, 'params', p_params, 'message_zh', zh, 'message_en', en);
end;
$$;
-- end routine


-- routine: supabase/routines/private/hukou_is_local.sql
-- Whether a person's 户籍 (hukou_region) lies in the county where the registry says they live
-- (the grid's unit code begins with its county's 6-digit GB/T 2260 code): the 本地户籍 of the
-- templates' hukou_local (老年优待证 from the county civil affairs bureau, 残疾人证 from the county
-- 残联: the county is the level that decides). Null when it cannot be told: no hukou_region, or
-- one known only to the prefecture or province (a 6-digit code ending in 00), or a unit without
-- a code. The form computes the same (src/views/form/residentPrefill.ts, hukouLocal).
-- security definer: a unit's code is no secret, and the grid of a person the caller reads may
-- lie in a unit row their org_units policy does not show (a participant's person).
create or replace function private.hukou_is_local(p_hukou_region text, p_grid_org_unit_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select case when p_hukou_region ~ '^[1-9][0-9]{3}(0[1-9]|[1-9][0-9])' and u.code ~ '^[0-9]{6}'
              then left(p_hukou_region, 6) = left(u.code, 6) end
    from public.org_units u where u.id = p_grid_org_unit_id
$$;

revoke execute on function private.hukou_is_local(text, uuid) from public, anon;
grant execute on function private.hukou_is_local(text, uuid) to authenticated, service_role;
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
  return outcome;
end;
$$;

revoke execute on function private.import_resident_row(text, jsonb, uuid[]) from public, anon;
grant execute on function private.import_resident_row(text, jsonb, uuid[]) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/private/records_link_answer.sql
-- BEFORE INSERT OR UPDATE OF data on public.records: the `resident` field's answer (a person's
-- id in the registry) is the record's link, records.resident_id — the answer is what the form
-- holds and the history shows, the column is what the registry's timeline, the participant arm
-- and later rules read; one is set from the other here so they cannot disagree (a definition has
-- at most one resident field: check_derived_fields). Fires before records_link_resident and
-- records_validate_data (trigger names sort so).
-- * The writer must read the person through the registry's scope (my_scope_units('read')),
--   checked here as records_check_resident_link does (that trigger fires only for statements
--   naming resident_id; an edit changes data): resident_link_forbidden, 403.
-- * On insert, the linked person's values fill the fields whose prefillFrom names them: the raw
--   ID number and phone where the form sent nothing or the person's mask (the browser is shown
--   masks only, and a record's sensitive answers must be the real values: the database keeps
--   them raw and masks them per reader), name and address where the form sent nothing. A value
--   the staff typed stays as typed (a corrected phone; the write-back to the registry is
--   update_resident_from_record's, on request).
--   The person's 户籍地址 (hukou_address) and whether their 户籍 is local (hukou_local:
--   hukou_is_local) fill their fields where the form sent nothing, like name and address.
-- * On insert, the fields marked `reuse` take the person's previous application: the newest
--   record of this service linked to the same person THAT THE WRITER READS (the query below runs
--   under the writer's RLS). The form shows that record's answers, the sensitive ones masked;
--   where it sends back exactly the mask that record holds, the raw answer is put in
--   (restore_kept_answers, as an edit keeps an untouched mask). A writer who reads no previous
--   record gets nothing: the mask stays what they sent (and fails validation, or is kept as
--   typed), never the raw value.
-- * A cleared answer on an edit unlinks. Records without a resident field keep the link they
--   were given (link_records_to_residents). Writers without a user (seed, migrations, the
--   service role) are trusted, as elsewhere in the registry.
-- Not security definer: the person is read under the writer's RLS (a person they cannot see is
-- not found, and the refusal is the same); only the raw values come through resident_raw_values.
create or replace function private.records_link_answer() returns trigger
language plpgsql set search_path = '' as $$
declare
  definition jsonb;
  resident_key text;
  answer text;
  person public.residents;
  mapping jsonb;
  raw jsonb;
  attribute text;
  field_key text;
  current_answer text;
  reused jsonb;
  previous record;
begin
  select v.definition into definition
    from public.service_versions v where v.service_id = new.service_id and v.version = new.service_version;
  select f ->> 'key' into resident_key
    from jsonb_array_elements(coalesce(definition -> 'fields', '[]'::jsonb)) with ordinality as t(f, n)
   where f ->> 'type' = 'resident' order by n limit 1;
  if resident_key is null then
    return new;
  end if;
  if tg_op = 'UPDATE' and new.data -> resident_key is not distinct from old.data -> resident_key then
    return new;
  end if;
  answer := new.data ->> resident_key;
  if answer is null or answer !~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
    -- empty: no link from the answer (an edit that clears it unlinks); not an id: validation refuses it
    if tg_op = 'UPDATE' and private.is_empty_answer(new.data -> resident_key) then
      new.resident_id := null;
    end if;
    return new;
  end if;
  select * into person from public.residents r where r.id = answer::uuid;
  if (select auth.uid()) is not null
     and (person.id is null or not (person.grid_org_unit_id = any (private.my_scope_units('read')))) then
    perform private.raise_record_error('PT403', 'resident_link_forbidden',
      '不能关联此居民：该居民不存在或不在您可查看的网格内 / This record cannot be linked to that resident: '
      || 'no such resident in the grids you may see',
      jsonb_build_object('field', resident_key));
  end if;
  new.resident_id := answer::uuid;
  if tg_op = 'INSERT' and person.id is not null then
    mapping := private.resident_link_fields(definition);
    raw := private.resident_raw_values(person.id);
    foreach attribute in array array['id_number', 'phone', 'name', 'address'] loop
      field_key := mapping ->> attribute;
      continue when field_key is null;
      current_answer := case when jsonb_typeof(new.data -> field_key) = 'string' then btrim(new.data ->> field_key) end;
      if coalesce(current_answer, '') = ''
         or (attribute = 'id_number' and current_answer = person.id_number)
         or (attribute = 'phone' and current_answer = person.phone) then
        new.data := case
          when attribute in ('id_number', 'phone') and raw ->> attribute is not null then jsonb_set(new.data, array[field_key], raw -> attribute)
          when attribute = 'name' then jsonb_set(new.data, array[field_key], to_jsonb(person.name))
          when attribute = 'address' and person.address is not null then jsonb_set(new.data, array[field_key], to_jsonb(person.address))
          else new.data end;
      end if;
    end loop;
    foreach attribute in array array['hukou_address', 'hukou_local'] loop
      field_key := mapping ->> attribute;
      continue when field_key is null or not private.is_empty_answer(new.data -> field_key);
      new.data := case
        when attribute = 'hukou_address' and person.hukou_address is not null then jsonb_set(new.data, array[field_key], to_jsonb(person.hukou_address))
        when attribute = 'hukou_local' and private.hukou_is_local(person.hukou_region, person.grid_org_unit_id) is not null
          then jsonb_set(new.data, array[field_key], to_jsonb(private.hukou_is_local(person.hukou_region, person.grid_org_unit_id)))
        else new.data end;
    end loop;
    -- the sensitive fields marked reuse: a mask of the previous application's answer becomes its raw value
    select coalesce(jsonb_agg(f), '[]') into reused
      from jsonb_array_elements(coalesce(definition -> 'fields', '[]'::jsonb)) f
     where f -> 'reuse' = 'true'::jsonb and f -> 'sensitive' = 'true'::jsonb and new.data ? (f ->> 'key');
    if reused <> '[]'::jsonb then
      select r.id, r.data into previous
        from public.records r
       where r.service_id = new.service_id and r.resident_id = person.id and r.id <> new.id and r.deleted_at is null
       order by r.created_at desc, r.id desc limit 1;
      if previous.id is not null then
        new.data := private.restore_kept_answers(reused, new.data, previous.data, private.sensitive_answers_of(previous.id));
      end if;
    end if;
  end if;
  return new;
end;
$$;

revoke execute on function private.records_link_answer() from public, anon;
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
                   'hukou_region', 'hukou_address') then
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

-- routine: supabase/routines/private/residents_before_write.sql
-- BEFORE INSERT OR UPDATE on public.residents: the database's own rules for a person, whatever
-- the client sent.
-- * scope first (check_registry_scope): outside it nothing else is looked at;
-- * optimistic concurrency on UPDATE (next_registry_version); system columns fixed here;
-- * name tidied and required; address and 户籍地址 (hukou_address) tidied; codes on their national
--   lists; the 户籍地 code (hukou_region) a GB/T 2260 county code (6 digits) or a unit code of
--   the statistics bureau's division (12 digits: county + 乡/街道 + 村/社区), checked by shape
--   only (domain.md §3: codes retired from the current list are still on people's records);
-- * ID number: normalised (trim, x → X, 15 → 18 digits), check character and birth date
--   verified (GB 11643), sex (GB/T 2261.1: 1 male, 2 female) and birth year derived from it;
--   the raw number goes to private.resident_sensitive_values, the row keeps only its mask; an
--   ID number another resident holds is refused (resident_exists), naming them only if the
--   caller may see them. Unchanged when the client sends back the mask it read.
-- * phone: stored form (resident_phone) kept privately, the row holds its mask; the mask sent
--   back leaves it unchanged, null or blank removes it.
-- * every change is an event (append_resident_event), masks only. The event is written here,
--   not in an AFTER trigger, because only here is it known whether a number changed behind an
--   equal mask (resident_events.resident_id is a deferred foreign key for the insert case).
create or replace function private.residents_before_write() returns trigger
language plpgsql set search_path = '' as $$
declare
  is_insert boolean := tg_op = 'INSERT';
  id_changed boolean := tg_op = 'INSERT' or new.id_number is distinct from old.id_number;
  phone_changed boolean := tg_op = 'INSERT' or new.phone is distinct from old.phone;
  raw_id text;
  raw_phone text;
  holder uuid;
  tracked text[] := array['name', 'id_number', 'sex', 'birth_year', 'phone', 'ethnicity', 'political_status', 'marital_status',
                          'address', 'grid_org_unit_id', 'hukou_region', 'hukou_address'];
  diff jsonb;
begin
  perform private.check_registry_scope(new.grid_org_unit_id);
  if is_insert then
    new.row_version := 1;
    new.created_at := now();
    new.created_by := (select auth.uid());
  else
    new.row_version := private.next_registry_version(old.row_version, new.row_version);
    new.id := old.id;
    new.created_at := old.created_at;
    new.created_by := old.created_by;
    new.is_synthetic := old.is_synthetic;
  end if;
  new.updated_at := now();
  new.updated_by := (select auth.uid());

  new.name := private.tidy_text(new.name);
  if coalesce(new.name, '') = '' then
    perform private.raise_record_error('PT400', 'resident_name_required', '请填写姓名 / Enter the name', '{"field": "name"}');
  elsif char_length(new.name) > 60 then
    perform private.raise_record_error('PT400', 'text_too_long',
      format('姓名过长：最多 60 个字，现为 %s 个字 / The name is too long: at most 60 characters, this has %s', char_length(new.name), char_length(new.name)),
      jsonb_build_object('field', 'name', 'maximum', 60, 'length', char_length(new.name)));
  end if;
  new.address := nullif(private.tidy_text(new.address), '');
  if char_length(new.address) > 200 then
    perform private.raise_record_error('PT400', 'text_too_long',
      format('地址过长：最多 200 个字，现为 %s 个字 / The address is too long: at most 200 characters, this has %s', char_length(new.address), char_length(new.address)),
      jsonb_build_object('field', 'address', 'maximum', 200, 'length', char_length(new.address)));
  end if;
  new.hukou_address := nullif(private.tidy_text(new.hukou_address), '');
  if char_length(new.hukou_address) > 200 then
    perform private.raise_record_error('PT400', 'text_too_long',
      format('户籍地址过长：最多 200 个字，现为 %s 个字 / The registered (hukou) address is too long: at most 200 characters, this has %s',
             char_length(new.hukou_address), char_length(new.hukou_address)),
      jsonb_build_object('field', 'hukou_address', 'maximum', 200, 'length', char_length(new.hukou_address)));
  end if;
  new.hukou_region := nullif(btrim(new.hukou_region), '');
  if new.hukou_region !~ '^[1-9][0-9]{5}([0-9]{6})?$' then
    perform private.raise_record_error('PT400', 'hukou_region_invalid',
      '户籍地区划代码应为 6 位县级代码（GB/T 2260，如 433101）或 12 位乡镇、村（社区）代码 / '
      || 'The hukou region code is a 6-digit county code (GB/T 2260, e.g. 433101) or a 12-digit township and village (community) code',
      '{"field": "hukou_region"}');
  end if;
  perform private.check_resident_code('ethnicity', new.ethnicity);
  perform private.check_resident_code('political_status', new.political_status);
  perform private.check_resident_code('marital_status', new.marital_status);

  if id_changed then
    raw_id := private.normalized_id_number(new.id_number);
    if raw_id is null then
      perform private.raise_record_error('PT400', 'id_number_invalid',
        '身份证号应为 18 位（末位可为 X）或旧式 15 位数字 / An ID number has 18 characters (the last may be X), or 15 digits in the old form',
        '{"field": "id_number"}');
    elsif private.id_number_check_char(raw_id) <> right(raw_id, 1) then
      perform private.raise_record_error('PT400', 'id_number_check_failed',
        '身份证号校验位不符，请核对号码 / The ID number''s check character does not match: check the number',
        '{"field": "id_number"}');
    elsif not private.is_valid_id_number(raw_id, private.local_today()) then
      perform private.raise_record_error('PT400', 'id_number_invalid',
        '身份证号中的出生日期无效 / The birth date in the ID number is not a valid date',
        '{"field": "id_number"}');
    end if;
    -- the full number the person already has: no change
    id_changed := is_insert or not private.resident_holds_value(new.id, 'id_number', raw_id);
  end if;
  if id_changed then
    new.id_number := private.mask_id_number(raw_id);
    new.sex := case when substr(raw_id, 17, 1)::int % 2 = 1 then '1' else '2' end;
    new.birth_year := substr(raw_id, 7, 4)::int;
  else
    raw_id := null;
    new.id_number := old.id_number;
    new.sex := old.sex;
    new.birth_year := old.birth_year;
  end if;
  if phone_changed then
    if coalesce(private.tidy_text(new.phone), '') <> '' then
      raw_phone := private.resident_phone(new.phone);
      if raw_phone is null then
        perform private.raise_record_error('PT400', 'phone_invalid',
          '请填写 11 位手机号或带区号的固定电话（如 0743-8221234） / Enter an 11-digit mobile number or a landline with its area code (e.g. 0743-8221234)',
          '{"field": "phone"}');
      end if;
    end if;
    phone_changed := is_insert or not private.resident_holds_value(new.id, 'phone', raw_phone);
    new.phone := case when phone_changed then private.mask_phone(raw_phone) else old.phone end;
  end if;
  if id_changed or phone_changed then
    holder := private.store_resident_sensitive_values(is_insert, new.id, raw_id, phone_changed, raw_phone);
    if holder is not null then
      perform private.raise_record_error('PT409', 'resident_exists',
        '该身份证号已登记，一人只登记一次 / This ID number is already registered: a person is registered once',
        jsonb_build_object('field', 'id_number',
          'resident_id', case when exists (select 1 from public.residents r where r.id = holder) then holder end));
    end if;
  end if;

  diff := private.data_diff(
    case when is_insert then '{}'::jsonb else (select jsonb_object_agg(k, to_jsonb(old) -> k) from unnest(tracked) k) end,
    (select jsonb_object_agg(k, to_jsonb(new) -> k) from unnest(tracked) k));
  if is_insert then
    diff := (select coalesce(jsonb_object_agg(d.key, d.value), '{}') from jsonb_each(diff) d where d.value ->> 1 is not null);
  elsif id_changed and not diff ? 'id_number' then
    -- a new number behind the same mask is still a change
    diff := diff || jsonb_build_object('id_number', jsonb_build_array(old.id_number, new.id_number));
  end if;
  if is_insert or diff <> '{}'::jsonb then
    perform private.append_resident_event(new.id, null, case when is_insert then 'created' else 'updated' end, diff);
  end if;
  return new;
end;
$$;

revoke execute on function private.residents_before_write() from public, anon;
-- end routine

-- routine: supabase/routines/public/update_resident_from_record.sql
-- Write-back from a record to the registry (issue 12, item 3): staff corrected a value that was
-- pre-filled from the linked person (a new phone) and ticked 同时更新居民档案. The change goes
-- through the registry's own update path — the residents trigger's scope check, validation,
-- masks and optimistic concurrency (p_row_version = the version read + 1) — and its event
-- carries source 'record' and the record's id (app.resident_source / app.resident_source_ref,
-- transaction-local), which a PostgREST PATCH cannot set.
-- p_changes: {attribute: value} of name, phone, address, ethnicity, political_status,
-- marital_status, hukou_address (the ID number is who the person is: it is corrected in the registry itself).
-- Refusals: record_not_found 404 (not the caller's to read), record_not_linked 400,
-- resident_field_not_writable 400, registry_write_forbidden 403 (a participant or reader who
-- may not write the person), and the registry's own (stale_registry_row 409, phone_invalid …).
-- Returns {resident_id, row_version}.
-- security invoker: the record and the person are read and written under the caller's RLS.
create or replace function public.update_resident_from_record(p_record_id uuid, p_row_version int, p_changes jsonb) returns jsonb
language plpgsql security invoker set search_path = '' as $$
declare
  target_resident uuid;
  bad_key text;
  new_version int;
begin
  select r.resident_id into target_resident from public.records r where r.id = p_record_id and r.deleted_at is null;
  if not found then
    perform private.raise_record_error('PT404', 'record_not_found', '记录不存在或无权访问 / No such record, or not yours to see');
  end if;
  if target_resident is null then
    perform private.raise_record_error('PT400', 'record_not_linked',
      '该记录未关联居民，无法更新居民档案 / This record is not linked to a resident; there is no registry entry to update');
  end if;
  select k into bad_key from jsonb_object_keys(case when jsonb_typeof(p_changes) = 'object' then p_changes else '{"?": null}'::jsonb end) k
   where k not in ('name', 'phone', 'address', 'ethnicity', 'political_status', 'marital_status', 'hukou_address') limit 1;
  if bad_key is not null then
    perform private.raise_record_error('PT400', 'resident_field_not_writable',
      '只能从记录更新居民的姓名、电话、地址、民族、政治面貌、婚姻状况、户籍地址 / A record may update only a resident''s name, phone, address, ethnicity, political status, marital status and hukou address',
      jsonb_build_object('field', bad_key));
  end if;
  perform set_config('app.resident_source', 'record', true);
  perform set_config('app.resident_source_ref', p_record_id::text, true);
  update public.residents r set
    name = case when p_changes ? 'name' then p_changes ->> 'name' else r.name end,
    phone = case when p_changes ? 'phone' then p_changes ->> 'phone' else r.phone end,
    address = case when p_changes ? 'address' then p_changes ->> 'address' else r.address end,
    ethnicity = case when p_changes ? 'ethnicity' then p_changes ->> 'ethnicity' else r.ethnicity end,
    political_status = case when p_changes ? 'political_status' then p_changes ->> 'political_status' else r.political_status end,
    marital_status = case when p_changes ? 'marital_status' then p_changes ->> 'marital_status' else r.marital_status end,
    hukou_address = case when p_changes ? 'hukou_address' then p_changes ->> 'hukou_address' else r.hukou_address end,
    row_version = p_row_version
   where r.id = target_resident
  returning r.row_version into new_version;
  -- the caller reads the person (or took part in the record) but the update policy hid the row
  if new_version is null then
    perform private.raise_record_error('PT403', 'registry_write_forbidden',
      '您不能登记或修改此网格的居民信息 / You may not register or change residents of this grid');
  end if;
  perform set_config('app.resident_source', '', true);
  perform set_config('app.resident_source_ref', '', true);
  return jsonb_build_object('resident_id', target_resident, 'row_version', new_version);
end;
$$;

revoke execute on function public.update_resident_from_record(uuid, int, jsonb) from public, anon;
grant execute on function public.update_resident_from_record(uuid, int, jsonb) to authenticated;
-- end routine

-- Hand-written DDL that names the routines (triggers, policies, grants), or nothing.
