-- No masking by inference (issue #7, item 11; DESIGN.md §6: "A sensitive field never controls
-- what a non-sensitive one shows. Masks leave at least 10,000 candidates given everything else
-- shown in clear"). docs/security-model.md gives the reasoning and the figures.
--
-- 1. The definition check refuses a sensitive field that controls another field's visibleWhen
--    or requiredWhen (code sensitive_controls_field, path fields[i].visibleWhen.field, both
--    field keys in the bilingual message), as src/services/cross-check-fields.ts does. Whether
--    a field is shown, required and filled is in clear for every reader, so the condition's
--    answer leaked through it (veteran_card's masked card_type was inferable on 39 of 39 demo
--    records). Refused rather than making the dependants sensitive: an empty answer stays empty
--    when masked, so a sensitive dependant still tells whether it was shown.
--    definition_error and check_service_definition are re-created from their live bodies
--    (20261126040300_make_service_grants_editable.sql) with this one rule added.
--
-- 2. The ID-number mask keeps the first 3 characters and the last one (433**************5)
--    instead of the first 6 and last 4 (433101********0045). With the age in clear (elderly
--    benefit) and the region known from the record's unit, 6 + 4 left about 34 candidates: the
--    last four are the whole sequence number and the check character, so only the birth day
--    within one year was unknown. 3 + 1 leaves the birth day (≈365) × the sequence number
--    (500 once the sex is guessed from the name) ÷ 11 (the check character) ≈ 16,600;
--    scripts/measure-id-mask.ts counts it on the demo data. src/field-types/mask.ts agrees.
--    Stored masks (records.data and the history's diffs) are re-masked: the new mask keeps a
--    subset of the old one's characters, so masking the old mask gives the new one.

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
    ('key_changed', '服务键名不能修改，应为 "{key}"', 'The service key cannot change; expected "{key}"')
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

create or replace function private.check_service_definition(def jsonb) returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  errors jsonb := '[]';
  field jsonb;
  i int;
  j int;
  at text;
  field_keys text[] := '{}';
  column_keys text[];
  column_def jsonb;
  name text;
  condition jsonb;
  state jsonb;
  state_keys text[] := '{}';
  terminal_keys text[] := '{}';
  transition jsonb;
  transition_keys text[] := '{}';
  item jsonb;
  item_keys text[];
  role text;
  key_pattern constant text := '^[a-z][a-z0-9_]{0,39}$';
  controllers jsonb := '{}';
  chain text[];
  current_key text;
  reported text[] := '{}';
  sensitive_keys text[] := '{}';
begin
  if jsonb_typeof(def) is distinct from 'object' then
    return jsonb_build_array(private.wrong_type('', 'object'));
  end if;
  if jsonb_typeof(def -> 'key') is distinct from 'string' or def ->> 'key' !~ key_pattern then
    errors := errors || private.definition_error('key', 'key_format');
  end if;
  if jsonb_typeof(def -> 'name') is distinct from 'string' or private.is_empty_answer(def -> 'name') then
    errors := errors || private.definition_error('name', 'required');
  end if;

  -- fields
  if jsonb_typeof(def -> 'fields') is distinct from 'array' or jsonb_array_length(def -> 'fields') = 0 then
    errors := errors || private.definition_error('fields', 'too_few', '{"minimum": 1}');
  else
    select coalesce(array_agg(f ->> 'key'), '{}') into field_keys from jsonb_array_elements(def -> 'fields') f;
    select coalesce(array_agg(f ->> 'key'), '{}') into sensitive_keys from jsonb_array_elements(def -> 'fields') f
     where jsonb_typeof(f) = 'object' and f -> 'sensitive' = 'true'::jsonb;
    for field, i in select f, (n - 1)::int from jsonb_array_elements(def -> 'fields') with ordinality as t(f, n) loop
      at := format('fields[%s]', i);
      if jsonb_typeof(field) is distinct from 'object' then
        errors := errors || private.wrong_type(at, 'object');
        continue;
      end if;
      if jsonb_typeof(field -> 'key') is distinct from 'string' or field ->> 'key' !~ key_pattern then
        errors := errors || private.definition_error(at || '.key', 'key_format');
      elsif array_position(field_keys, field ->> 'key') < i + 1 then
        errors := errors || private.definition_error(at || '.key', 'duplicate_key', jsonb_build_object('key', field ->> 'key'));
      elsif field ->> 'key' in ('status', 'org_unit_id', 'assignee', 'due_at', 'created_at', 'updated_at') then
        errors := errors || private.definition_error(at || '.key', 'reserved_key', jsonb_build_object('key', field ->> 'key'));
      end if;
      if jsonb_typeof(field -> 'label') is distinct from 'string' or private.is_empty_answer(field -> 'label') then
        errors := errors || private.definition_error(at || '.label', 'required');
      end if;
      if jsonb_typeof(field -> 'type') is distinct from 'string' or not (field ->> 'type') = any (private.record_field_types()) then
        errors := errors || private.definition_error(at || '.type', 'unknown_field_type', jsonb_build_object('type', coalesce(field ->> 'type', '')));
        continue;
      end if;
      errors := errors || private.check_field_options(field, at);
      if field ->> 'type' = 'sub_table' then
        if jsonb_typeof(field -> 'columns') is distinct from 'array' or jsonb_array_length(field -> 'columns') = 0 then
          errors := errors || private.definition_error(at || '.columns', 'too_few', '{"minimum": 1}');
        else
          column_keys := '{}';
          for column_def, j in select c, (n - 1)::int from jsonb_array_elements(field -> 'columns') with ordinality as t(c, n) loop
            if jsonb_typeof(column_def) is distinct from 'object' then
              errors := errors || private.wrong_type(format('%s.columns[%s]', at, j), 'object');
              continue;
            end if;
            if jsonb_typeof(column_def -> 'key') is distinct from 'string' or column_def ->> 'key' !~ key_pattern then
              errors := errors || private.definition_error(format('%s.columns[%s].key', at, j), 'key_format');
            elsif column_def ->> 'key' = any (column_keys) then
              errors := errors || private.definition_error(format('%s.columns[%s].key', at, j), 'duplicate_key', jsonb_build_object('key', column_def ->> 'key'));
            end if;
            column_keys := column_keys || (column_def ->> 'key');
            if not coalesce(column_def ->> 'type', '') = any (private.sub_table_column_types()) then
              errors := errors || private.definition_error(format('%s.columns[%s].type', at, j), 'sub_table_column_type',
                                                           jsonb_build_object('type', coalesce(column_def ->> 'type', '')));
            else
              errors := errors || private.check_field_options(column_def, format('%s.columns[%s]', at, j));
            end if;
          end loop;
        end if;
      end if;
      foreach name in array array['visibleWhen', 'requiredWhen'] loop
        continue when not field ? name;
        condition := field -> name;
        if jsonb_typeof(condition) is distinct from 'object' then
          errors := errors || private.wrong_type(at || '.' || name, 'object');
        elsif coalesce(condition ->> 'op', '') not in ('eq', 'neq', 'in', 'nin', 'empty', 'not_empty', 'gt', 'gte', 'lt', 'lte') then
          errors := errors || private.definition_error(at || '.' || name || '.op', 'invalid_value',
            '{"values": "eq | neq | in | nin | empty | not_empty | gt | gte | lt | lte"}');
        elsif condition ->> 'field' = field ->> 'key' then
          errors := errors || private.definition_error(at || '.' || name || '.field', 'self_reference');
        elsif not coalesce(condition ->> 'field', '') = any (field_keys) then
          errors := errors || private.definition_error(at || '.' || name || '.field', 'unknown_field_ref',
                                                       jsonb_build_object('field', coalesce(condition ->> 'field', '')));
        else
          -- no masking by inference (see the top of this migration)
          if condition ->> 'field' = any (sensitive_keys) then
            errors := errors || private.definition_error(at || '.' || name || '.field', 'sensitive_controls_field',
              jsonb_build_object('field', condition ->> 'field', 'controlled', field ->> 'key', 'condition', name));
          end if;
          if name = 'visibleWhen' then
            controllers := controllers || jsonb_build_object(field ->> 'key', condition ->> 'field');
          end if;
        end if;
      end loop;
    end loop;
    -- a field shown only if another is shown only if the first is: never shown; report once
    for field, i in select f, (n - 1)::int from jsonb_array_elements(def -> 'fields') with ordinality as t(f, n) loop
      continue when not controllers ? (field ->> 'key') or (field ->> 'key') = any (reported);
      chain := array[field ->> 'key'];
      current_key := controllers ->> (field ->> 'key');
      while current_key is not null and not current_key = any (chain) loop
        chain := chain || current_key;
        current_key := controllers ->> current_key;
      end loop;
      if current_key = field ->> 'key' then
        reported := reported || chain;
        errors := errors || private.definition_error(format('fields[%s].visibleWhen', i), 'condition_cycle',
                                                     jsonb_build_object('cycle', array_to_string(chain || current_key, ' → ')));
      end if;
    end loop;
  end if;

  -- workflow
  if jsonb_typeof(def -> 'workflow') is distinct from 'object' then
    errors := errors || private.definition_error('workflow', 'required');
  elsif jsonb_typeof(def #> '{workflow,states}') is distinct from 'array' or jsonb_array_length(def #> '{workflow,states}') = 0 then
    errors := errors || private.definition_error('workflow.states', 'too_few', '{"minimum": 1}');
  else
    for state, i in select s, (n - 1)::int from jsonb_array_elements(def #> '{workflow,states}') with ordinality as t(s, n) loop
      at := format('workflow.states[%s]', i);
      if jsonb_typeof(state -> 'key') is distinct from 'string' or state ->> 'key' !~ key_pattern then
        errors := errors || private.definition_error(at || '.key', 'key_format');
        continue;
      elsif state ->> 'key' = any (state_keys) then
        errors := errors || private.definition_error(at || '.key', 'duplicate_key', jsonb_build_object('key', state ->> 'key'));
      end if;
      state_keys := state_keys || (state ->> 'key');
      if state ? 'terminal' and jsonb_typeof(state -> 'terminal') <> 'boolean' then
        errors := errors || private.wrong_type(at || '.terminal', 'boolean');
      elsif state -> 'terminal' = 'true'::jsonb then
        terminal_keys := terminal_keys || (state ->> 'key');
      end if;
      if state ? 'slaHours' and (jsonb_typeof(state -> 'slaHours') <> 'number' or (state ->> 'slaHours')::numeric <= 0) then
        errors := errors || private.definition_error(at || '.slaHours', 'too_small', '{"minimum": 0}');
      end if;
    end loop;
    if not coalesce(def #>> '{workflow,initial}', '') = any (state_keys) then
      errors := errors || private.definition_error('workflow.initial', 'unknown_state', jsonb_build_object('state', coalesce(def #>> '{workflow,initial}', '')));
    elsif def #>> '{workflow,initial}' = any (terminal_keys) then
      errors := errors || private.definition_error('workflow.initial', 'initial_terminal');
    end if;
    if def #> '{workflow,transitions}' is not null and jsonb_typeof(def #> '{workflow,transitions}') <> 'array' then
      errors := errors || private.wrong_type('workflow.transitions', 'array');
    else
      for transition, i in select t, (n - 1)::int from jsonb_array_elements(coalesce(def #> '{workflow,transitions}', '[]')) with ordinality as x(t, n) loop
        at := format('workflow.transitions[%s]', i);
        if jsonb_typeof(transition -> 'key') is distinct from 'string' or transition ->> 'key' !~ key_pattern then
          errors := errors || private.definition_error(at || '.key', 'key_format');
        elsif transition ->> 'key' = any (transition_keys) then
          errors := errors || private.definition_error(at || '.key', 'duplicate_key', jsonb_build_object('key', transition ->> 'key'));
        end if;
        transition_keys := transition_keys || (transition ->> 'key');
        if jsonb_typeof(transition -> 'from') is distinct from 'array' or jsonb_array_length(transition -> 'from') = 0 then
          errors := errors || private.definition_error(at || '.from', 'too_few', '{"minimum": 1}');
        else
          for item, j in select f, (n - 1)::int from jsonb_array_elements(transition -> 'from') with ordinality as x(f, n) loop
            if not coalesce(item #>> '{}', '') = any (state_keys) then
              errors := errors || private.definition_error(format('%s.from[%s]', at, j), 'unknown_state', jsonb_build_object('state', item #>> '{}'));
            elsif item #>> '{}' = any (terminal_keys) then
              errors := errors || private.definition_error(format('%s.from[%s]', at, j), 'terminal_outgoing', jsonb_build_object('state', item #>> '{}'));
            end if;
          end loop;
        end if;
        if not coalesce(transition ->> 'to', '') = any (state_keys) then
          errors := errors || private.definition_error(at || '.to', 'unknown_state', jsonb_build_object('state', coalesce(transition ->> 'to', '')));
        end if;
        if jsonb_typeof(transition -> 'roles') is distinct from 'array' or jsonb_array_length(transition -> 'roles') = 0 then
          errors := errors || private.definition_error(at || '.roles', 'too_few', '{"minimum": 1}');
        elsif exists (select 1 from jsonb_array_elements(transition -> 'roles') r where jsonb_typeof(r) <> 'string' or r #>> '{}' !~ '^[a-z][a-z0-9_]*$') then
          errors := errors || private.definition_error(at || '.roles', 'role_key_format');
        end if;
        foreach name in array array['requireComment', 'escalate'] loop
          if transition ? name and jsonb_typeof(transition -> name) <> 'boolean' then
            errors := errors || private.wrong_type(at || '.' || name, 'boolean');
          end if;
        end loop;
        if transition ? 'requireFields' then
          if jsonb_typeof(transition -> 'requireFields') <> 'array' then
            errors := errors || private.wrong_type(at || '.requireFields', 'array');
          else
            for item, j in select f, (n - 1)::int from jsonb_array_elements(transition -> 'requireFields') with ordinality as x(f, n) loop
              if not coalesce(item #>> '{}', '') = any (field_keys) then
                errors := errors || private.definition_error(format('%s.requireFields[%s]', at, j), 'unknown_field_ref', jsonb_build_object('field', item #>> '{}'));
              end if;
            end loop;
          end if;
        end if;
        if transition ? 'checklist' then
          if jsonb_typeof(transition -> 'checklist') <> 'array' then
            errors := errors || private.wrong_type(at || '.checklist', 'array');
          else
            item_keys := '{}';
            for item, j in select c, (n - 1)::int from jsonb_array_elements(transition -> 'checklist') with ordinality as x(c, n) loop
              if jsonb_typeof(item -> 'key') is distinct from 'string' or item ->> 'key' !~ key_pattern then
                errors := errors || private.definition_error(format('%s.checklist[%s].key', at, j), 'key_format');
              elsif item ->> 'key' = any (item_keys) then
                errors := errors || private.definition_error(format('%s.checklist[%s].key', at, j), 'duplicate_key', jsonb_build_object('key', item ->> 'key'));
              end if;
              item_keys := item_keys || (item ->> 'key');
              if jsonb_typeof(item -> 'label') is distinct from 'string' or private.is_empty_answer(item -> 'label') then
                errors := errors || private.definition_error(format('%s.checklist[%s].label', at, j), 'required');
              end if;
            end loop;
          end if;
        end if;
      end loop;
    end if;
  end if;

  -- permissions: role → actions
  if jsonb_typeof(def -> 'permissions') is distinct from 'object' then
    errors := errors || private.wrong_type('permissions', 'object');
  else
    for role, item in select key, value from jsonb_each(def -> 'permissions') loop
      if role !~ '^[a-z][a-z0-9_]*$' then
        errors := errors || private.definition_error(format('permissions[%s]', to_json(role)), 'role_key_format');
      elsif jsonb_typeof(item) <> 'array' or exists (
        select 1 from jsonb_array_elements(item) a
         where coalesce(a #>> '{}', '') not in ('read', 'create', 'update', 'delete', 'export', 'view_sensitive')) then
        errors := errors || private.definition_error('permissions.' || role, 'invalid_value',
          '{"values": "read | create | update | delete | export | view_sensitive"}');
      end if;
    end loop;
  end if;
  return errors;
end;
$$;

-- 433101199001010045 → 433**************5 (province and first digit of the city, check character).
create function private.mask_id_number(value text) returns text
language sql immutable
return private.mask_middle(value, 3, 1);

-- One answer of a sensitive field, as in 20261126040000 with the ID-number mask above.
create or replace function private.mask_answer(field jsonb, answer jsonb) returns jsonb
language sql stable
return case
  when private.is_empty_answer(answer) then answer
  when jsonb_typeof(answer) <> 'string' or field ->> 'type' in ('select', 'multiselect', 'boolean') then '"***"'::jsonb
  when field ->> 'type' = 'id_number' then to_jsonb(private.mask_id_number(answer #>> '{}'))
  when field ->> 'type' = 'phone' then to_jsonb(private.mask_phone(answer #>> '{}'))
  else to_jsonb(private.mask_generic(answer #>> '{}'))
end;

-- Re-mask what is stored. Both tables refuse direct writes (the records guard and validation
-- triggers, the history's append-only trigger); this one-off rewrite only shortens masks, so it
-- runs with their triggers off, inside this migration's transaction.
create function pg_temp.remask_ids(p_fields jsonb, p_data jsonb, p_pairs boolean) returns jsonb
language sql immutable as $$
  select coalesce(p_data || (
    select jsonb_object_agg(f ->> 'key', case
             when p_pairs and jsonb_typeof(p_data -> (f ->> 'key')) = 'array' then
               jsonb_build_array(coalesce(private.mask_answer(f, p_data -> (f ->> 'key') -> 0), 'null'),
                                 coalesce(private.mask_answer(f, p_data -> (f ->> 'key') -> 1), 'null'))
             else private.mask_answer(f, p_data -> (f ->> 'key')) end)
      from jsonb_array_elements(p_fields) f
     where f ->> 'type' = 'id_number' and p_data ? (f ->> 'key') and jsonb_typeof(p_data -> (f ->> 'key')) <> 'null'
  ), p_data)
$$;

alter table public.records disable trigger user;
update public.records r
   set data = pg_temp.remask_ids(v.sensitive_fields, r.data, false)
  from public.service_versions v
 where v.service_id = r.service_id and v.version = r.service_version
   and jsonb_path_exists(v.sensitive_fields, '$[*] ? (@.type == "id_number")');
alter table public.records enable trigger user;

alter table public.record_events disable trigger user;
update public.record_events e
   set diff = pg_temp.remask_ids(v.sensitive_fields, e.diff, true)
  from public.records r
  join public.service_versions v on v.service_id = r.service_id and v.version = r.service_version
 where r.id = e.record_id and e.diff is not null
   and jsonb_path_exists(v.sensitive_fields, '$[*] ? (@.type == "id_number")');
alter table public.record_events enable trigger user;

revoke execute on function private.mask_id_number(text) from public, anon;
grant execute on function private.mask_id_number(text) to authenticated, service_role;

