-- Reuse of files from the previous application (issue 12, typing saved): `reuse: true` is now
-- allowed on image and attachment fields (check_derived_fields; still refused on the resident
-- field, derived and prefillFrom fields). The form reuses a file by copying it: it downloads the
-- previous record's file (the writer reads that record, so the bucket lets them) and uploads it
-- again into the writer's own folder, so the attachment rule is unchanged — a record references
-- only its writer's own uploads (sync_record_attachments). records_link_answer no longer turns a
-- mask sent for a sensitive file field into the previous record's files (the mask stays and
-- validation refuses it). reuse_type's message no longer says files are uploaded again.
-- Routines between "-- routine:" and "-- end routine" are copies written by
-- `npm run db:migration`; edit supabase/routines/, never the copy.

-- Hand-written DDL the routines rely on (tables, columns, types), or nothing.

-- routine: supabase/routines/private/check_derived_fields.sql
-- check_service_definition's part for derived values, defaults, the record-unit field and
-- rules[] (src/services/crossCheckDerive.ts and ruleSchema.ts): functions and their source and
-- target types, references that exist, no derivation loops, a birth date derived from a
-- sensitive ID number sensitive itself (it would give away the masked digits, see
-- docs/security-model.md), defaults that fit their type, one record-unit org_unit field, the
-- registry attribute a field holds (prefillFrom) known and in a type that can hold it, `reuse`
-- (filled from the person's previous application) a boolean on a field of a definition with a
-- resident field, not on the resident field, derived or prefillFrom fields (files may be: the
-- form copies them into the writer's own uploads), rules
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
    -- the form's useResidentPrefill, which copies files into the writer's own uploads: a record
    -- still references only its writer's uploads); a resident, derived or registry-filled field
    -- has its own source
    if field ? 'reuse' then
      if jsonb_typeof(field -> 'reuse') <> 'boolean' then
        errors := errors || private.definition_error(at || '.reuse', 'wrong_type', '{"expected": "boolean", "expected_zh": "布尔值"}');
      elsif field -> 'reuse' = 'true'::jsonb then
        if field ->> 'type' = 'resident' then
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
    ('reuse_type', '“{type}”类型的字段不能沿用上次申请：居民字段由选择的居民决定', 'A {type} field cannot be reused from the last application: the resident field is the person picked'),
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
    -- the sensitive fields marked reuse: a mask of the previous application's answer becomes its raw
    -- value; not files: the form reuses those as the writer's own copies, never as the previous
    -- record's references (a mask sent for a file stays a mask, which validation refuses)
    select coalesce(jsonb_agg(f), '[]') into reused
      from jsonb_array_elements(coalesce(definition -> 'fields', '[]'::jsonb)) f
     where f -> 'reuse' = 'true'::jsonb and f -> 'sensitive' = 'true'::jsonb and new.data ? (f ->> 'key')
       and f ->> 'type' not in ('attachment', 'image');
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

-- Hand-written DDL that names the routines (triggers, policies, grants), or nothing.
