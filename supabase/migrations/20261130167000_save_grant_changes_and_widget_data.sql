-- The designer's 权限 and 看板 pages (issue 10): an administrator saves a set of grant changes
-- at once (public.set_service_grants, all or nothing, audited by the existing trigger), sees how
-- many people hold each role in the owning unit's subtree (public.count_role_members), and
-- previews a dashboard widget on the service's real records under the caller's own record
-- policies (public.service_widget_data, security invoker). Update, delete, export and
-- view_sensitive now need read: in a grant change set and in a definition
-- (check_service_definition / definition_error: permission_needs_read).
-- Routines between "-- routine:" and "-- end routine" are copies written by
-- `npm run db:migration`; edit supabase/routines/, never the copy.

-- Hand-written DDL the routines rely on: none.

-- routine: supabase/routines/private/action_label_zh.sql
-- The Chinese name of a permission action, as the 权限 pages show it (i18n permissions.actions),
-- for refusals the administrator reads.
create or replace function private.action_label_zh(p_action text) returns text
language sql immutable set search_path = '' as $$
  select coalesce((jsonb_build_object('read', '查看', 'create', '新建', 'update', '编辑', 'delete', '删除',
                                      'export', '导出', 'view_sensitive', '查看敏感信息')) ->> p_action, p_action)
$$;
-- end routine

-- routine: supabase/routines/private/actions_needing_read.sql
-- Actions that are meaningless without read on the same service, so a role must never hold one
-- without read (src/contract/roles.ts actionsNeedingRead says the same for the browser):
-- update and delete act on a record one has opened, export writes out the list one reads, and
-- view_sensitive unmasks an answer of a record one reads. create is not among them: filing a
-- record one will not see again is a real case (a volunteer hands in a resident's suggestion;
-- the resident_suggestion template grants volunteers create only).
create or replace function private.actions_needing_read() returns text[]
language sql immutable set search_path = '' as $$
  select array['update', 'delete', 'export', 'view_sensitive']
$$;
-- end routine

-- routine: supabase/routines/private/check_service_definition.sql
-- The structural checks the database relies on: keys, known field types with well-typed
-- options, conditions naming existing fields without cycles, derived values, defaults and rules
-- (private.check_derived_fields), workflow states that exist,
-- and permissions by role (an action that needs read comes with read). Returns [] or [{path, code, params, message_zh, message_en}],
-- paths written like the designer's (`fields[3].type`). The full schema is
-- parseServiceDefinition's job in the browser; this is what keeps the engine sound.
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
    errors := errors || private.check_derived_fields(def);
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
      -- timeLimit: {hours} | {workdays} | {byField, values: {answer: duration}, default?} (workflowSchema.ts)
      if state ? 'timeLimit' and not (
        with durations (d) as (
          select state -> 'timeLimit' where not state -> 'timeLimit' ? 'byField'
          union all
          select v.value from jsonb_each(case when jsonb_typeof(state #> '{timeLimit,values}') = 'object' then state #> '{timeLimit,values}' else '{}' end) v
           where state -> 'timeLimit' ? 'byField'
          union all
          select state #> '{timeLimit,default}' where state -> 'timeLimit' ? 'byField' and state #> '{timeLimit,default}' is not null
        )
        select jsonb_typeof(state -> 'timeLimit') = 'object'
           and (not state -> 'timeLimit' ? 'byField'
                or (jsonb_typeof(state #> '{timeLimit,byField}') = 'string' and jsonb_typeof(state #> '{timeLimit,values}') = 'object'
                    and (state -> 'timeLimit') - 'byField' - 'values' - 'default' = '{}'::jsonb))
           and coalesce(bool_and(jsonb_typeof(d) = 'object' and (
                 (d - 'hours' = '{}'::jsonb and jsonb_typeof(d -> 'hours') = 'number' and (d ->> 'hours')::numeric > 0 and (d ->> 'hours')::numeric <= 8784)
                 or (d - 'workdays' = '{}'::jsonb and jsonb_typeof(d -> 'workdays') = 'number'
                     and (d ->> 'workdays')::numeric = trunc((d ->> 'workdays')::numeric) and (d ->> 'workdays')::numeric between 1 and 366))), true)
          from durations
      ) then
        errors := errors || private.definition_error(at || '.timeLimit', 'wrong_type', jsonb_build_object(
          'expected', '{"hours": n}, {"workdays": n} or {"byField": key, "values": {answer: …}}',
          'expected_zh', '时限：{"hours": 小时数}、{"workdays": 工作日数} 或 {"byField": 字段, "values": {取值: …}}'));
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
        -- escalate (a boolean or a route), when, set, stages: private.check_workflow_routing
        foreach name in array array['requireComment'] loop
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
      elsif not item ? 'read' then
        -- editing, deleting, exporting or unmasking records one cannot read (actions_needing_read)
        errors := errors || coalesce((
          select jsonb_agg(private.definition_error('permissions.' || role, 'permission_needs_read',
                             jsonb_build_object('role', role, 'action', a.action, 'action_zh', private.action_label_zh(a.action))) order by a.n)
            from jsonb_array_elements_text(item) with ordinality as a(action, n)
           where a.action = any (private.actions_needing_read())), '[]');
      end if;
    end loop;
  end if;
  -- guards, escalation routes, transition values and staged fields, once the shape above holds
  if jsonb_typeof(def -> 'fields') = 'array' and jsonb_typeof(def #> '{workflow,transitions}') = 'array' then
    errors := errors || private.check_workflow_routing(def);
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

-- routine: supabase/routines/public/count_role_members.sql
-- How many people hold each role at a unit or anywhere below it (distinct users with an active
-- membership), for administrators of that unit or above. The designer's 权限 page names the
-- people a change affects ("3 人将不再在菜单中看到本服务") without listing them. Roles nobody
-- holds are left out. Errors: org_unit_not_found PT404, unit_forbidden PT403.
create or replace function public.count_role_members(p_org_unit_id uuid)
returns table (role_key text, people bigint)
language plpgsql stable security definer set search_path = '' as $$
-- security definer: counts memberships across the subtree, which the caller's own policies
-- would reduce to the members they may list; the check below is the gate.
declare
  unit_path text;
begin
  select u.path into unit_path from public.org_units u where u.id = p_org_unit_id;
  if unit_path is null then
    raise exception using errcode = 'PT404', message = 'org_unit_not_found', hint = '单位不存在 / No such unit';
  end if;
  if not private.can_administer_unit(p_org_unit_id) then
    raise exception using errcode = 'PT403', message = 'unit_forbidden',
      hint = '只有该单位或上级单位的管理员可以查看人员统计 / Only administrators of this unit or above see its head counts';
  end if;
  return query
    select m.role_key, count(distinct m.user_id)
      from public.memberships m
      join public.org_units u on u.id = m.org_unit_id
     where m.status = 'active' and (u.path = unit_path or u.path like unit_path || '.%')
     group by m.role_key
     order by m.role_key;
end;
$$;

revoke execute on function public.count_role_members(uuid) from public, anon;
grant execute on function public.count_role_members(uuid) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/public/service_widget_data.sql
-- The figures behind one dashboard widget of a service: p_metric (count | overdue |
-- avg_duration) per bucket of p_group_by (status | org_unit | created_month | a field key of the
-- service's current definition | null for one overall figure, bucket null).
-- security invoker: the records' own policies decide what the caller counts, so a community's
-- staff see their community's figures, a leader their street's, and a role without read on the
-- service sees no rows at all. Buckets: status key, unit name, YYYY-MM (Beijing time), or the
-- stored answer as text (an option value, true/false; each element of a multi-choice answer;
-- null when unanswered). overdue counts records past due_at that are not in a terminal state;
-- avg_duration is the mean hours from filing to the last transition into the terminal state the
-- record is in (its last change if it never moved), or to now while it is open. Errors: service_not_found PT404,
-- service_not_published PT409, widget_metric_invalid / group_by_unknown / group_by_sensitive PT400.
create or replace function public.service_widget_data(p_service_id uuid, p_metric text, p_group_by text default null)
returns table (bucket text, value numeric)
language plpgsql stable security invoker set search_path = '' as $$
#variable_conflict use_column
declare
  service_row public.services;
  definition jsonb;
  group_field jsonb;
  by_unit boolean;
begin
  select * into service_row from public.services s where s.id = p_service_id;
  if service_row.id is null then
    raise exception using errcode = 'PT404', message = 'service_not_found', hint = '服务不存在 / No such service';
  end if;
  select v.definition into definition from public.service_versions v where v.service_id = p_service_id and v.version = service_row.current_version;
  if definition is null then
    raise exception using errcode = 'PT409', message = 'service_not_published',
      hint = '服务发布后才有数据 / A service has data once it is published';
  end if;
  if p_metric is null or p_metric not in ('count', 'overdue', 'avg_duration') then
    raise exception using errcode = 'PT400', message = 'widget_metric_invalid',
      detail = jsonb_build_object('metric', p_metric)::text,
      hint = '指标应为 count、overdue 或 avg_duration / The metric must be count, overdue or avg_duration';
  end if;
  if p_group_by is not null and p_group_by not in ('status', 'org_unit', 'created_month') then
    select f into group_field from jsonb_array_elements(definition -> 'fields') f where f ->> 'key' = p_group_by;
    if group_field is null then
      raise exception using errcode = 'PT400', message = 'group_by_unknown',
        detail = jsonb_build_object('group_by', p_group_by)::text,
        hint = format('分组 "%s" 不是本服务当前版本的字段，也不是 状态 / 单位 / 月份 / groupBy "%s" is not a field of the service''s current version, nor status, org_unit or created_month',
                      p_group_by, p_group_by);
    end if;
    -- a chart of masked answers would unmask them by their counts
    if group_field -> 'sensitive' = 'true'::jsonb then
      raise exception using errcode = 'PT400', message = 'group_by_sensitive',
        detail = jsonb_build_object('group_by', p_group_by)::text,
        hint = format('敏感字段 "%s" 不能用于分组统计 / The sensitive field "%s" cannot group a chart', p_group_by, p_group_by);
    end if;
  end if;
  by_unit := p_group_by = 'org_unit' or group_field ->> 'type' = 'org_unit';

  return query
    with visible as (
      select r.id, r.status, r.org_unit_id, r.created_at, r.updated_at, r.due_at, r.data,
             private.is_terminal_status(v.definition, r.status) as terminal
        from public.records r
        join public.service_versions v on v.service_id = r.service_id and v.version = r.service_version
       where r.service_id = p_service_id
    ),
    keyed as (
      select k.bucket, x.*
        from visible x
       cross join lateral jsonb_array_elements_text(case
               when p_group_by is null then '[null]'::jsonb
               when p_group_by = 'status' then jsonb_build_array(x.status)
               when p_group_by = 'org_unit' then jsonb_build_array(x.org_unit_id)
               when p_group_by = 'created_month' then jsonb_build_array(to_char(x.created_at at time zone 'Asia/Shanghai', 'YYYY-MM'))
               when jsonb_typeof(x.data -> p_group_by) = 'array' then x.data -> p_group_by
               else jsonb_build_array(x.data -> p_group_by)
             end) k(bucket)
    ),
    figures as (
      select y.bucket,
             case p_metric
               when 'count' then count(*)::numeric
               when 'overdue' then (count(*) filter (where y.due_at < now() and not y.terminal))::numeric
               else round(avg(extract(epoch from (
                      case when y.terminal
                           then coalesce((select max(e.created_at) from public.record_events e
                                           where e.record_id = y.id and e.kind = 'transition' and e.to_status = y.status), y.updated_at)
                           else now() end - y.created_at)) / 3600)::numeric, 1)
             end as figure
        from keyed y
       group by y.bucket
    )
    -- grouped by unit id (two grids may share a name), shown by name
    select case when by_unit then coalesce(u.name, f.bucket) else f.bucket end, f.figure
      from figures f
      left join public.org_units u on by_unit and u.id::text = f.bucket
     order by case when p_group_by = 'created_month' then f.bucket end, f.figure desc nulls last, 1;
end;
$$;

revoke execute on function public.service_widget_data(uuid, text, text) from public, anon;
grant execute on function public.service_widget_data(uuid, text, text) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/public/set_service_grants.sql
-- Applies a set of grant changes to a published service at once, all or nothing: the designer's
-- 权限 page collects its ticks and saves them here after the administrator has read the summary.
-- p_changes = [{role_key, action, granted}]. For administrators of the service's owning unit or
-- above. Every insert and delete is audited by the service_role_grants_audit trigger, like
-- set_service_grant's. Returns the service's grants after the change. Errors (message = code):
-- service_not_found PT404, service_forbidden PT403, service_not_published PT409,
-- grant_changes_invalid / action_invalid / role_not_found PT400, and
-- permission_needs_read PT400 when a role touched by the change set would be left holding an
-- action that needs read (private.actions_needing_read) without read; then nothing changes.
create or replace function public.set_service_grants(p_service_id uuid, p_changes jsonb)
returns setof public.service_role_grants
language plpgsql security definer set search_path = '' as $$
-- security definer: service_role_grants has no write policies; this function is the gate and
-- checks the caller's administrator membership itself.
declare
  service public.services;
  change jsonb;
  bad record;
begin
  -- for update: two administrators saving at once apply one after the other, and the
  -- dependency check below sees the other's committed grants
  select * into service from public.services where id = p_service_id for update;
  if service.id is null then
    raise exception using errcode = 'PT404', message = 'service_not_found', hint = '服务不存在 / No such service';
  end if;
  if not private.can_administer_unit(service.owner_org_unit_id) then
    raise exception using errcode = 'PT403', message = 'service_forbidden',
      hint = '只有该单位或上级单位的管理员可以管理服务 / Only administrators of this unit or above manage its services';
  end if;
  if service.current_version is null then
    raise exception using errcode = 'PT409', message = 'service_not_published',
      hint = '服务发布后才能调整角色权限，发布前请在定义中设置 / Grants are edited once the service is published; before that, set them in the definition';
  end if;
  if jsonb_typeof(p_changes) is distinct from 'array' or jsonb_array_length(p_changes) > 200 then
    raise exception using errcode = 'PT400', message = 'grant_changes_invalid',
      hint = '权限变更应为 [{role_key, action, granted}] 列表（最多 200 项）/ Changes are a list of {role_key, action, granted} (at most 200)';
  end if;
  for change in select c from jsonb_array_elements(p_changes) c loop
    if jsonb_typeof(change) is distinct from 'object' or jsonb_typeof(change -> 'granted') is distinct from 'boolean'
       or jsonb_typeof(change -> 'role_key') is distinct from 'string' or jsonb_typeof(change -> 'action') is distinct from 'string' then
      raise exception using errcode = 'PT400', message = 'grant_changes_invalid', detail = change::text,
        hint = '权限变更应为 [{role_key, action, granted}] 列表（最多 200 项）/ Changes are a list of {role_key, action, granted} (at most 200)';
    end if;
    if change ->> 'action' not in ('read', 'create', 'update', 'delete', 'export', 'view_sensitive') then
      raise exception using errcode = 'PT400', message = 'action_invalid',
        detail = jsonb_build_object('action', change ->> 'action')::text,
        hint = '权限应为 read、create、update、delete、export 或 view_sensitive / The action must be read, create, update, delete, export or view_sensitive';
    end if;
    if not exists (select 1 from public.roles r where r.key = change ->> 'role_key') then
      raise exception using errcode = 'PT400', message = 'role_not_found',
        detail = jsonb_build_object('role_key', change ->> 'role_key')::text, hint = '角色不存在 / No such role';
    end if;
    if (change ->> 'granted')::boolean then
      insert into public.service_role_grants (service_id, role_key, action) values (p_service_id, change ->> 'role_key', change ->> 'action')
      on conflict do nothing;
    else
      delete from public.service_role_grants g
       where g.service_id = p_service_id and g.role_key = change ->> 'role_key' and g.action = change ->> 'action';
    end if;
  end loop;
  -- Only the roles this change set touches: a legacy gap elsewhere (set_service_grant edits one
  -- cell at a time) must not block an unrelated save. Raising undoes every change above,
  -- audit entries included.
  select g.role_key, g.action, r.name, r.name_en into bad
    from public.service_role_grants g
    join public.roles r on r.key = g.role_key
   where g.service_id = p_service_id
     and g.action = any (private.actions_needing_read())
     and g.role_key in (select c ->> 'role_key' from jsonb_array_elements(p_changes) c)
     and not exists (select 1 from public.service_role_grants x
                      where x.service_id = p_service_id and x.role_key = g.role_key and x.action = 'read')
   order by r.sort_order, g.role_key, array_position(array['create', 'update', 'delete', 'export', 'view_sensitive'], g.action)
   limit 1;
  if bad.role_key is not null then
    raise exception using errcode = 'PT400', message = 'permission_needs_read',
      detail = jsonb_build_object('role_key', bad.role_key, 'action', bad.action)::text,
      hint = format('「%s」有「%s」权限却没有「查看」：%s需要先能查看记录，请同时授予查看或一并取消 / %s holds %s without read: %s needs read; grant read too or remove it',
                    bad.name, private.action_label_zh(bad.action), private.action_label_zh(bad.action),
                    bad.name_en, bad.action, bad.action);
  end if;
  return query select * from public.service_role_grants g where g.service_id = p_service_id order by g.role_key, g.action;
end;
$$;

revoke execute on function public.set_service_grants(uuid, jsonb) from public, anon;
grant execute on function public.set_service_grants(uuid, jsonb) to authenticated, service_role;
-- end routine

-- Hand-written DDL that names the routines: execute rights of the private helpers (the public
-- functions grant theirs in their routine files).
revoke execute on function private.actions_needing_read(), private.action_label_zh(text) from public, anon;
grant execute on function private.actions_needing_read(), private.action_label_zh(text) to authenticated, service_role;
