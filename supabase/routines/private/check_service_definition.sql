-- The structural checks the database relies on: keys, known field types with well-typed
-- options, layout keys (section, width), conditions naming existing fields without cycles,
-- derived values, defaults and rules (private.check_derived_fields), workflow states that exist,
-- permissions by role (an action that needs read comes with read), tags written to the person
-- (private.check_transition_tags), eligibility and duplicates
-- (private.check_applicant_rules). Returns [] or [{path, code, params, message_zh, message_en}],
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
      -- layout (a section heading, half or full width) is the form's alone, but a definition the
      -- browser refuses must not be published: its service would not open (fieldSchema.ts)
      if field ? 'section' and (jsonb_typeof(field -> 'section') <> 'string' or private.is_empty_answer(field -> 'section')) then
        errors := errors || private.definition_error(at || '.section', 'empty');
      end if;
      if field ? 'section_en' and jsonb_typeof(field -> 'section_en') <> 'string' then
        errors := errors || private.wrong_type(at || '.section_en', 'string');
      end if;
      if field ? 'width' and (jsonb_typeof(field -> 'width') <> 'string' or field ->> 'width' not in ('full', 'half')) then
        errors := errors || private.definition_error(at || '.width', 'invalid_value', '{"values": "full | half"}');
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
    -- outcomes written to the linked person's tags (private.check_transition_tags)
    errors := errors || private.check_transition_tags(def);
  end if;
  -- eligibility[] (the linked person's age and tags) and duplicates
  errors := errors || private.check_applicant_rules(def);
  return errors;
end;
$$;
