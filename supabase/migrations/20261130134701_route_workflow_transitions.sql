-- Guarded and routed transitions, transition fields and staged fields (issue #9, items 3-4, 6):
-- a community approved its own application at street level because `escalate: true` only
-- reached the parent, the wrong branch was offered, and intake forms asked for later steps'
-- data. Now a transition may carry a guard (`when`, refused with the guard described:
-- transition_guard_failed), escalate to the nearest ancestor of a level, the parent or a unit
-- chosen among allowed ones (transition_record's new p_target_unit), require and set fields;
-- a field's `stage` keeps its answer out of intake (records_check_stage) and out of edits
-- before its transition (update_record). check_service_definition checks all of it
-- (check_workflow_routing). Records keep their version: `escalate: true` still means the parent.
-- Routines between "-- routine:" and "-- end routine" are copies written by
-- `npm run db:migration`; edit supabase/routines/, never the copy.

-- Hand-written DDL the routines rely on (tables, columns, types), or nothing.
-- transition_record gains p_target_unit: a new argument would be a second overload
drop function public.transition_record(uuid, int, text, text, jsonb, jsonb);

-- routine: supabase/routines/private/check_service_definition.sql
-- The structural checks the database relies on: keys, known field types with well-typed
-- options, conditions naming existing fields without cycles, derived values, defaults and rules
-- (private.check_derived_fields), workflow states that exist,
-- and permissions by role. Returns [] or [{path, code, params, message_zh, message_en}],
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

-- routine: supabase/routines/private/check_workflow_routing.sql
-- The definition check's part for guarded and routed transitions and staged fields, as
-- src/services/crossCheckWorkflow.ts and workflowSchema.ts check them: a guard reads existing,
-- non-sensitive fields; `escalate` is a boolean or a route (parent, a level, a choice among
-- levels and/or unit codes); `set` writes existing fields with a value or a source
-- (target_level only when escalating); a field's `stage` is "intake" or names transitions, and a
-- staged field is not `required` (its transition's requireFields asks for it); a transition
-- requires only intake fields and fields staged to it. Called by check_service_definition once
-- fields and transitions are arrays.
create or replace function private.check_workflow_routing(def jsonb) returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  errors jsonb := '[]';
  fields jsonb := def -> 'fields';
  field jsonb;
  transition jsonb;
  assignment jsonb;
  item jsonb;
  key text;
  i int;
  j int;
  at text;
  route jsonb;
  levels constant jsonb := '["prefecture", "county", "street", "community", "grid"]';
  transition_keys jsonb := coalesce((select jsonb_agg(t -> 'key') from jsonb_array_elements(def #> '{workflow,transitions}') t), '[]');
  field_keys jsonb := coalesce((select jsonb_agg(f -> 'key') from jsonb_array_elements(fields) f), '[]');
begin
  for field, i in select f, (n - 1)::int from jsonb_array_elements(fields) with ordinality as x(f, n) loop
    continue when jsonb_typeof(field) <> 'object' or not field ? 'stage' or field -> 'stage' = '"intake"'::jsonb;
    at := format('fields[%s].stage', i);
    if jsonb_typeof(field -> 'stage') <> 'array' or jsonb_array_length(field -> 'stage') = 0 then
      errors := errors || private.definition_error(at, 'invalid_value', '{"values": "\"intake\" | [transition keys]"}');
      continue;
    end if;
    for item, j in select s, (n - 1)::int from jsonb_array_elements(field -> 'stage') with ordinality as x(s, n) loop
      if not transition_keys @> jsonb_build_array(item) then
        errors := errors || private.definition_error(format('%s[%s]', at, j), 'unknown_transition_ref', jsonb_build_object('transition', item #>> '{}'));
      end if;
    end loop;
    if field -> 'required' = 'true'::jsonb then
      errors := errors || private.definition_error(format('fields[%s].required', i), 'staged_field_required');
    end if;
  end loop;

  for transition, i in select t, (n - 1)::int from jsonb_array_elements(def #> '{workflow,transitions}') with ordinality as x(t, n) loop
    continue when jsonb_typeof(transition) <> 'object';
    at := format('workflow.transitions[%s]', i);
    if jsonb_typeof(transition -> 'requireFields') = 'array' then
      for item, j in select r, (n - 1)::int from jsonb_array_elements(transition -> 'requireFields') with ordinality as x(r, n) loop
        select f into field from jsonb_array_elements(fields) f where f -> 'key' = item;
        if jsonb_typeof(field -> 'stage') = 'array' and not field -> 'stage' ? (transition ->> 'key') then
          errors := errors || private.definition_error(format('%s.requireFields[%s]', at, j), 'require_field_stage', jsonb_build_object('field', item #>> '{}'));
        end if;
      end loop;
    end if;
    if transition ? 'when' then
      if jsonb_typeof(transition -> 'when') <> 'object' then
        errors := errors || private.wrong_type(at || '.when', 'object');
      else
        foreach key in array (select coalesce(array_agg(distinct k), '{}') from unnest(private.condition_field_keys(transition -> 'when')) k) loop
          select f into field from jsonb_array_elements(fields) f where f ->> 'key' = key;
          if field is null then
            errors := errors || private.definition_error(at || '.when', 'unknown_field_ref', jsonb_build_object('field', key));
          elsif field -> 'sensitive' = 'true'::jsonb then
            errors := errors || private.definition_error(at || '.when', 'sensitive_controls_field',
              jsonb_build_object('field', key, 'controlled', transition ->> 'key', 'condition', 'when'));
          end if;
        end loop;
      end if;
    end if;
    route := transition -> 'escalate';
    if route is not null and jsonb_typeof(route) <> 'boolean' then
      if jsonb_typeof(route) <> 'object' or coalesce(route ->> 'to', '') not in ('parent', 'level', 'choose') then
        errors := errors || private.definition_error(at || '.escalate', 'invalid_value',
          '{"values": "true | {\"to\": \"parent\"} | {\"to\": \"level\", \"level\"} | {\"to\": \"choose\", \"levels\", \"units\"}"}');
      elsif route ->> 'to' = 'level' and not levels ? coalesce(route ->> 'level', '') then
        errors := errors || private.definition_error(at || '.escalate.level', 'invalid_value', jsonb_build_object('values', 'prefecture | county | street | community | grid'));
      elsif route ->> 'to' = 'choose' then
        if not route ? 'levels' and not route ? 'units' then
          errors := errors || private.definition_error(at || '.escalate', 'escalation_choice_empty');
        end if;
        if route ? 'levels' and (jsonb_typeof(route -> 'levels') <> 'array' or jsonb_array_length(route -> 'levels') = 0
                                 or not levels @> (route -> 'levels')) then
          errors := errors || private.definition_error(at || '.escalate.levels', 'invalid_value', jsonb_build_object('values', 'prefecture | county | street | community | grid'));
        end if;
        if route ? 'units' and (jsonb_typeof(route -> 'units') <> 'array' or jsonb_array_length(route -> 'units') = 0
            or exists (select 1 from jsonb_array_elements(route -> 'units') u where jsonb_typeof(u) <> 'string' or u #>> '{}' !~ '^\d{6}(\d{3}(\d{3}(\d{3})?)?)?$')) then
          errors := errors || private.definition_error(at || '.escalate.units', 'unit_code_format');
        end if;
      end if;
    end if;
    if transition ? 'set' then
      if jsonb_typeof(transition -> 'set') <> 'array' then
        errors := errors || private.wrong_type(at || '.set', 'array');
        continue;
      end if;
      for assignment, j in select a, (n - 1)::int from jsonb_array_elements(transition -> 'set') with ordinality as x(a, n) loop
        if jsonb_typeof(assignment) <> 'object' then
          errors := errors || private.wrong_type(format('%s.set[%s]', at, j), 'object');
          continue;
        end if;
        if not field_keys @> jsonb_build_array(assignment -> 'field') then
          errors := errors || private.definition_error(format('%s.set[%s].field', at, j), 'unknown_field_ref', jsonb_build_object('field', coalesce(assignment ->> 'field', '')));
        end if;
        if (assignment ? 'value') = (assignment ? 'from') then
          errors := errors || private.definition_error(format('%s.set[%s]', at, j), 'set_value_or_from');
        elsif assignment ? 'from' and coalesce(assignment ->> 'from', '') not in ('current_user', 'now', 'target_level') then
          errors := errors || private.definition_error(format('%s.set[%s].from', at, j), 'invalid_value', '{"values": "current_user | now | target_level"}');
        elsif assignment ->> 'from' = 'target_level' and (route is null or route = 'false'::jsonb) then
          errors := errors || private.definition_error(format('%s.set[%s].from', at, j), 'target_level_without_escalation');
        end if;
        if assignment ? 'map' and assignment ->> 'from' is distinct from 'target_level' then
          errors := errors || private.definition_error(format('%s.set[%s]', at, j), 'set_map_target_level');
        end if;
      end loop;
    end if;
  end loop;
  return errors;
end;
$$;

revoke execute on function private.check_workflow_routing(jsonb) from public, anon;
grant execute on function private.check_workflow_routing(jsonb) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/private/definition_error.sql
-- A definition problem as {path, code, params, message_zh, message_en}, with the bilingual
-- texts of src/services/definition-messages.ts filled in from params (key_changed is the
-- database's own: a published service keeps its key).
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
-- end routine

-- routine: supabase/routines/private/describe_condition.sql
-- A transition guard (a rule condition: all / any / not over leaves) in words, {zh, en}, for the
-- reason transition_record gives when it refuses; worded exactly as describeCondition in
-- src/services/describeCondition.ts, so the browser's tooltip and the refusal read alike.
create or replace function private.describe_condition(fields jsonb, condition jsonb) returns jsonb
language plpgsql immutable set search_path = '' as $$
declare
  parts jsonb;
  field jsonb;
  label_zh text;
  label_en text;
  other_zh text;
  other_en text;
  pattern_zh text;
  pattern_en text;
  leaf_op text := condition ->> 'op';
begin
  if condition ? 'all' or condition ? 'any' then
    select jsonb_build_object(
             'zh', string_agg(private.describe_condition(fields, c) ->> 'zh', case when condition ? 'all' then '，且' else '，或' end order by n),
             'en', string_agg(private.describe_condition(fields, c) ->> 'en', case when condition ? 'all' then ', and ' else ', or ' end order by n))
      into parts
      from jsonb_array_elements(coalesce(condition -> 'all', condition -> 'any')) with ordinality as x(c, n);
    if condition ? 'any' then
      return jsonb_build_object('zh', '（' || (parts ->> 'zh') || '）', 'en', '(' || (parts ->> 'en') || ')');
    end if;
    return parts;
  elsif condition ? 'not' then
    parts := private.describe_condition(fields, condition -> 'not');
    return jsonb_build_object('zh', '并非（' || (parts ->> 'zh') || '）', 'en', 'not (' || (parts ->> 'en') || ')');
  end if;
  select f into field from jsonb_array_elements(fields) f where f ->> 'key' = condition ->> 'field';
  label_zh := '「' || coalesce(field ->> 'label', condition ->> 'field') || '」';
  label_en := '"' || coalesce(field ->> 'label_en', field ->> 'label', condition ->> 'field') || '"';
  if leaf_op = 'empty' then
    return jsonb_build_object('zh', label_zh || '未填写', 'en', label_en || ' is empty');
  elsif leaf_op = 'not_empty' then
    return jsonb_build_object('zh', label_zh || '已填写', 'en', label_en || ' is filled in');
  end if;
  if condition ? 'valueFrom' then
    select '「' || coalesce(f ->> 'label', condition ->> 'valueFrom') || '」',
           '"' || coalesce(f ->> 'label_en', f ->> 'label', condition ->> 'valueFrom') || '"'
      into other_zh, other_en
      from (select (select f from jsonb_array_elements(fields) f where f ->> 'key' = condition ->> 'valueFrom') as f) x;
  else
    select string_agg(v.zh, '、' order by n), string_agg(v.en, ', ' order by n) into other_zh, other_en
      from jsonb_array_elements(case when jsonb_typeof(condition -> 'value') = 'array' then condition -> 'value'
                                     else jsonb_build_array(condition -> 'value') end) with ordinality as x(item, n)
      cross join lateral (
        select case
                 when o is not null then '「' || coalesce(o ->> 'label', item #>> '{}') || '」'
                 when jsonb_typeof(item) = 'boolean' then case when item = 'true'::jsonb then '是' else '否' end
                 when jsonb_typeof(item) = 'object' then '今天'
                 else item #>> '{}' end as zh,
               case
                 when o is not null then '"' || coalesce(o ->> 'label_en', o ->> 'label', item #>> '{}') || '"'
                 when jsonb_typeof(item) = 'boolean' then case when item = 'true'::jsonb then 'yes' else 'no' end
                 when jsonb_typeof(item) = 'object' then 'today'
                 else item #>> '{}' end as en
          from (select (select o from jsonb_array_elements(case when jsonb_typeof(field -> 'options') = 'array' then field -> 'options' else '[]' end) o
                         where o -> 'value' = item limit 1) as o) y
      ) v;
  end if;
  select p.zh, p.en into pattern_zh, pattern_en from (values
    ('eq', '{l}为{v}', '{l} is {v}'),
    ('neq', '{l}不为{v}', '{l} is not {v}'),
    ('in', '{l}为{v}之一', '{l} is one of {v}'),
    ('nin', '{l}不为{v}中任一', '{l} is none of {v}'),
    ('gt', '{l} > {v}', '{l} > {v}'),
    ('gte', '{l} ≥ {v}', '{l} ≥ {v}'),
    ('lt', '{l} < {v}', '{l} < {v}'),
    ('lte', '{l} ≤ {v}', '{l} ≤ {v}')
  ) as p(key, zh, en) where p.key = leaf_op;
  return jsonb_build_object(
    'zh', replace(replace(coalesce(pattern_zh, '{l} {v}'), '{l}', label_zh), '{v}', coalesce(other_zh, '')),
    'en', replace(replace(coalesce(pattern_en, '{l} {v}'), '{l}', label_en), '{v}', coalesce(other_en, '')));
end;
$$;

revoke execute on function private.describe_condition(jsonb, jsonb) from public, anon;
grant execute on function private.describe_condition(jsonb, jsonb) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/private/escalation_target.sql
-- The unit an escalating transition moves a record to (src/services/escalation.ts resolves the
-- same way for the dialog): `true` or {"to": "parent"} the parent; {"to": "level", "level"} the
-- nearest ancestor of that level (a grid's record goes straight to its street); {"to":
-- "choose", "levels", "units"} the unit the caller picked, which must be an ancestor of one of
-- those levels or one of the units named by code (吹哨报到). Null when the transition does not
-- escalate; a chosen unit given to any other transition is refused rather than ignored.
create or replace function private.escalation_target(escalate jsonb, unit_id uuid, chosen uuid) returns uuid
language plpgsql stable set search_path = '' as $$
declare
  route text := case when escalate = 'true'::jsonb then 'parent' when jsonb_typeof(escalate) = 'object' then escalate ->> 'to' end;
  unit public.org_units;
  target uuid;
begin
  if route is distinct from 'choose' and chosen is not null then
    perform private.raise_record_error('PT400', 'escalation_target_not_allowed',
      '此操作不能选择上报单位 / This action does not take a chosen unit', jsonb_build_object('code', 'escalation_target_not_allowed'));
  end if;
  if route is null then
    return null;
  end if;
  select * into unit from public.org_units u where u.id = unit_id;
  if route = 'parent' then
    target := unit.parent_id;
  elsif route = 'level' then
    select a.id into target from public.org_units a
     where a.id <> unit.id and a.id::text = any (string_to_array(unit.path, '.')) and a.level = escalate ->> 'level'
     order by a.depth desc limit 1;
  else
    if chosen is null then
      perform private.raise_record_error('PT400', 'escalation_target_required', '请选择上报到的单位 / Choose the unit to send it to',
        jsonb_build_object('code', 'escalation_target_required'));
    end if;
    select a.id into target from public.org_units a
     where a.id = chosen and a.id <> unit.id
       and ((a.id::text = any (string_to_array(unit.path, '.')) and coalesce(escalate -> 'levels', '[]') ? a.level)
            or coalesce(escalate -> 'units', '[]') ? a.code);
    if target is null then
      perform private.raise_record_error('PT400', 'escalation_target_not_allowed',
        '不能上报到所选单位 / This action cannot send the record to the chosen unit',
        jsonb_build_object('code', 'escalation_target_not_allowed', 'unit', chosen));
    end if;
  end if;
  if target is null then
    perform private.raise_record_error('PT400', 'no_parent_unit', '找不到可上报的上级单位 / There is no unit above to send the record to',
      jsonb_build_object('code', 'escalation_target_missing'));
  end if;
  return target;
end;
$$;

revoke execute on function private.escalation_target(jsonb, uuid, uuid) from public, anon;
grant execute on function private.escalation_target(jsonb, uuid, uuid) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/private/records_check_stage.sql
-- BEFORE INSERT (after records_before_insert has fixed the version): a new record answers its
-- intake fields only; fields staged to transitions come in those transitions' dialogs. Imports
-- (seeded history) carry later answers legitimately and are let through.
create or replace function private.records_check_stage() returns trigger
language plpgsql set search_path = '' as $$
begin
  if private.record_write_mode() = 'import' then
    return new;
  end if;
  perform private.refuse_unreached_stage(
    (select v.definition from public.service_versions v where v.service_id = new.service_id and v.version = new.service_version),
    new.data, '{}');
  return new;
end;
$$;
-- end routine

-- routine: supabase/routines/private/refuse_unreached_stage.sql
-- Raises stage_not_reached (HTTP 400) naming the fields, by label, that are answered before
-- their stage: used by the insert trigger (nothing taken yet) and by update_record (the
-- transitions taken so far, from the record's history).
create or replace function private.refuse_unreached_stage(definition jsonb, data jsonb, taken text[]) returns void
language plpgsql stable set search_path = '' as $$
declare
  unreached text[] := private.unreached_stage_fields(definition -> 'fields', data, taken);
  labels text;
begin
  if cardinality(unreached) = 0 then
    return;
  end if;
  select string_agg(coalesce(f ->> 'label', f ->> 'key'), '、') into labels
    from jsonb_array_elements(definition -> 'fields') f where f ->> 'key' = any (unreached);
  perform private.raise_record_error('PT400', 'stage_not_reached',
    format('这些内容在后续办理环节填写，现在不能填写：%s / These are filled in at a later step, not now: %s', labels, array_to_string(unreached, ', ')),
    jsonb_build_object('code', 'stage_not_reached', 'fields', to_jsonb(unreached)));
end;
$$;

revoke execute on function private.refuse_unreached_stage(jsonb, jsonb, text[]) from public, anon;
grant execute on function private.refuse_unreached_stage(jsonb, jsonb, text[]) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/private/transition_assignments.sql
-- The answers a transition writes itself (its `set`): a constant, the acting user's id, now (a
-- date field gets today's date in China, a date-time field the instant), or the escalation
-- target's level (through `map` when given, e.g. street → "l3_street"; a level the map does not
-- name sets nothing). Merged into the data by
-- transition_record before validation, so they obey the same field rules as typed answers.
create or replace function private.transition_assignments(definition jsonb, transition jsonb, target_unit uuid) returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  assignment jsonb;
  out jsonb := '{}';
  field_type text;
  level text;
  value jsonb;
begin
  for assignment in select a from jsonb_array_elements(coalesce(transition -> 'set', '[]')) a loop
    select f ->> 'type' into field_type from jsonb_array_elements(definition -> 'fields') f where f ->> 'key' = assignment ->> 'field';
    value := case assignment ->> 'from'
      when 'current_user' then to_jsonb((select auth.uid())::text)
      when 'now' then case when field_type = 'date' then to_jsonb(private.local_today()::text)
                           else to_jsonb(to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')) end
      when 'target_level' then null
      else assignment -> 'value' end;
    if assignment ->> 'from' = 'target_level' then
      select u.level into level from public.org_units u where u.id = target_unit;
      -- a map that does not name this level leaves the field as it is
      continue when assignment ? 'map' and not assignment -> 'map' ? level;
      value := coalesce(assignment #> array['map', level], to_jsonb(level));
    end if;
    out := out || jsonb_build_object(assignment ->> 'field', value);
  end loop;
  return out;
end;
$$;

revoke execute on function private.transition_assignments(jsonb, jsonb, uuid) from public, anon;
grant execute on function private.transition_assignments(jsonb, jsonb, uuid) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/private/unreached_stage_fields.sql
-- Keys of the answered fields whose stage has not been reached: a field staged to transitions
-- (`"stage": ["complete"]`) is answered in one of their dialogs, so the create form and the
-- edit form may not fill it before one of them was taken (`taken`). src/services/stages.ts
-- (unreachedStageFields) is the browser's side.
create or replace function private.unreached_stage_fields(fields jsonb, data jsonb, taken text[]) returns text[]
language sql immutable set search_path = '' as $$
  select coalesce(array_agg(f ->> 'key' order by n), '{}')
    from jsonb_array_elements(coalesce(fields, '[]')) with ordinality as x(f, n)
   where jsonb_typeof(f -> 'stage') = 'array'
     and not private.is_empty_answer(data -> (f ->> 'key'))
     and not exists (select 1 from jsonb_array_elements_text(f -> 'stage') s(key) where s.key = any (taken))
$$;

revoke execute on function private.unreached_stage_fields(jsonb, jsonb, text[]) from public, anon;
grant execute on function private.unreached_stage_fields(jsonb, jsonb, text[]) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/public/transition_record.sql
-- Takes a workflow transition. Checks, in the order of checkTransition in
-- src/services/workflow.ts: the transition exists and leaves the current state, one of the
-- caller's roles (at the record's unit or above) may take it, its guard (`when`, on the stored
-- answers; refused with the guard described), the comment (trimmed, blank meaning none, at most
-- 2,000 characters), the fields (only its own: those it requires and those staged to it), the
-- required ones filled, every checklist item ticked, the escalation target. Then merges the
-- given answers and the transition's `set` values into the raw answers and validates them,
-- moves the record (escalate: private.escalation_target), sets the due date from the target
-- state's slaHours and writes a `transition` event with the checklist; the returned row and
-- the diff are masked.
-- p_checklist: ticked keys ["id_card", …] or {"id_card": true, …}.
-- p_target_unit: the unit picked in the dialog, for an escalation to a chosen unit only.
create or replace function public.transition_record(
  p_id uuid,
  p_row_version int,
  p_transition text,
  p_comment text default null,
  p_fields jsonb default null,
  p_checklist jsonb default null,
  p_target_unit uuid default null
) returns public.records
language plpgsql security invoker set search_path = '' as $$
declare
  target public.records := private.lock_record(p_id, p_row_version);
  definition jsonb := private.record_definition(target);
  sensitive jsonb := private.record_sensitive_fields(target);
  transition jsonb;
  to_state jsonb;
  fields jsonb := coalesce(p_fields, '{}');
  merged jsonb;
  old_raw jsonb;
  not_allowed text[];
  missing jsonb;
  ticked text[];
  checklist jsonb;
  diff jsonb := '{}';
  from_status text := target.status;
  target_unit uuid;
  own_fields jsonb;
  guard_text jsonb;
  given_comment text := private.free_text(p_comment, 2000, '处理意见', 'comment');
begin
  select t into transition from jsonb_array_elements(definition #> '{workflow,transitions}') t where t ->> 'key' = p_transition;
  if transition is null then
    perform private.raise_record_error('PT400', 'transition_not_found', '没有这个流转操作 / No such transition',
      jsonb_build_object('code', 'unknown_transition', 'transition', p_transition));
  end if;
  if not (transition -> 'from') ? target.status then
    perform private.raise_record_error('PT400', 'transition_not_found',
      '当前状态不能执行此操作 / This action is not available in the current state',
      jsonb_build_object('code', 'not_from_state', 'transition', p_transition, 'status', target.status));
  end if;
  if not exists (select 1 from jsonb_array_elements_text(transition -> 'roles') r(role_key)
                  where r.role_key = any (private.my_roles_at(target.org_unit_id))) then
    perform private.raise_record_error('PT403', 'transition_forbidden', '您的角色不能执行此操作 / Your role cannot take this action',
      jsonb_build_object('code', 'role_not_allowed', 'roles', transition -> 'roles'));
  end if;
  if jsonb_typeof(transition -> 'when') = 'object' and not private.condition_holds(transition -> 'when', target.data, private.local_today()) then
    guard_text := private.describe_condition(definition -> 'fields', transition -> 'when');
    perform private.raise_record_error('PT400', 'transition_guard_failed',
      format('不满足办理条件：%s / Not available: requires %s', guard_text ->> 'zh', guard_text ->> 'en'),
      jsonb_build_object('code', 'transition_guard_failed', 'condition', transition -> 'when', 'message_zh', '不满足办理条件：' || (guard_text ->> 'zh'),
                         'message_en', 'Not available: requires ' || (guard_text ->> 'en')));
  end if;
  if transition -> 'requireComment' = 'true'::jsonb and given_comment is null then
    perform private.raise_record_error('PT400', 'comment_required', '请填写处理意见 / A comment is required',
      jsonb_build_object('code', 'comment_required'));
  end if;
  if jsonb_typeof(fields) <> 'object' then
    perform private.raise_record_error('PT400', 'fields_not_allowed', '办理时填写的内容格式不正确 / p_fields must be an object',
      jsonb_build_object('code', 'fields_not_allowed'));
  end if;
  -- a transition may fill its required fields and the fields staged to it; other answers may be
  -- sent back only unchanged (as read: sensitive ones masked)
  select coalesce(transition -> 'requireFields', '[]'::jsonb)
         || coalesce(jsonb_agg(f -> 'key') filter (where jsonb_typeof(f -> 'stage') = 'array' and f -> 'stage' ? (transition ->> 'key')), '[]')
    into own_fields
    from jsonb_array_elements(definition -> 'fields') f;
  select array_agg(f.key) into not_allowed
    from jsonb_each(fields) f
   where not own_fields ? f.key
     and f.value is distinct from target.data -> f.key
     and not (private.is_empty_answer(f.value) and private.is_empty_answer(target.data -> f.key));
  if not_allowed is not null then
    perform private.raise_record_error('PT400', 'fields_not_allowed',
      format('此操作不能修改：%s / This action cannot change: %s', array_to_string(not_allowed, '、'), array_to_string(not_allowed, ', ')),
      jsonb_build_object('code', 'fields_not_allowed', 'fields', to_jsonb(not_allowed)));
  end if;
  -- masking keeps empty answers empty, so "is it filled" can be asked of the masked data
  merged := target.data || fields;
  select jsonb_agg(jsonb_build_object('key', k, 'label', coalesce(f ->> 'label', k)) order by i) into missing
    from jsonb_array_elements_text(coalesce(transition -> 'requireFields', '[]'::jsonb)) with ordinality as r(k, i)
    left join jsonb_array_elements(definition -> 'fields') f on f ->> 'key' = r.k
   where private.is_empty_answer(merged -> r.k);
  if missing is not null then
    perform private.raise_record_error('PT400', 'fields_required',
      format('请先填写：%s / Fill in first: %s',
        (select string_agg(m ->> 'label', '、') from jsonb_array_elements(missing) m),
        (select string_agg(m ->> 'key', ', ') from jsonb_array_elements(missing) m)),
      jsonb_build_object('code', 'fields_required', 'missing', (select jsonb_agg(m -> 'key') from jsonb_array_elements(missing) m)));
  end if;
  ticked := case jsonb_typeof(p_checklist)
    when 'array' then array(select jsonb_array_elements_text(p_checklist))
    when 'object' then array(select c.key from jsonb_each(p_checklist) c where c.value = 'true'::jsonb)
    else '{}'::text[] end;
  select jsonb_agg(jsonb_build_object('key', c ->> 'key', 'label', c ->> 'label') order by i) into missing
    from jsonb_array_elements(coalesce(transition -> 'checklist', '[]'::jsonb)) with ordinality as x(c, i)
   where not (c ->> 'key') = any (ticked);
  if missing is not null then
    perform private.raise_record_error('PT400', 'checklist_incomplete',
      format('请先完成线下核验：%s / Complete the offline checks first: %s',
        (select string_agg(m ->> 'label', '、') from jsonb_array_elements(missing) m),
        (select string_agg(m ->> 'key', ', ') from jsonb_array_elements(missing) m)),
      jsonb_build_object('code', 'checklist_incomplete', 'missing', (select jsonb_agg(m -> 'key') from jsonb_array_elements(missing) m)));
  end if;
  select jsonb_agg(jsonb_build_object('key', c ->> 'key', 'label', c ->> 'label', 'checked', true) order by i) into checklist
    from jsonb_array_elements(coalesce(transition -> 'checklist', '[]'::jsonb)) with ordinality as x(c, i);
  target_unit := private.escalation_target(transition -> 'escalate', target.org_unit_id, p_target_unit);
  -- the transition's own values win over anything sent for the same field
  fields := fields || private.transition_assignments(definition, transition, target_unit);

  if fields <> '{}'::jsonb then
    -- validated and compared as entered; the trigger keeps the sensitive answers aside
    old_raw := private.record_raw_data(target);
    merged := private.checked_record_data(definition, old_raw || private.restore_kept_answers(sensitive, fields, target.data, old_raw));
    diff := private.record_change_diff(sensitive, old_raw, merged, target.data, fields);
    target.data := merged;
  end if;
  if target_unit is not null then
    diff := diff || jsonb_build_object('org_unit_id', jsonb_build_array(target.org_unit_id, target_unit));
    target.org_unit_id := target_unit;
  end if;
  select s into to_state from jsonb_array_elements(definition #> '{workflow,states}') s where s ->> 'key' = transition ->> 'to';
  target.status := to_state ->> 'key';
  target.due_at := case
    when to_state -> 'terminal' = 'true'::jsonb then null
    when to_state ? 'slaHours' then now() + (to_state ->> 'slaHours')::numeric * interval '1 hour' end;
  target.row_version := target.row_version + 1;
  target.updated_at := now();
  target.updated_by := (select auth.uid());
  perform private.save_record(target);
  perform private.append_record_event(target, 'transition', from_status, target.status, p_transition,
    given_comment, nullif(diff, '{}'::jsonb), checklist);
  if fields <> '{}'::jsonb then
    target.data := private.mask_record_data(sensitive, target.data);
  end if;
  return target;
end;
$$;
-- end routine

-- routine: supabase/routines/public/update_record.sql
-- Edits the record's answers (full replacement of data), for roles granted `update`. A field
-- staged to transitions may change only after one of them was taken (stage_not_reached).
create or replace function public.update_record(p_id uuid, p_row_version int, p_data jsonb) returns public.records
language plpgsql security invoker set search_path = '' as $$
declare
  target public.records := private.lock_record(p_id, p_row_version);
  definition jsonb := private.record_definition(target);
  sensitive jsonb := private.record_sensitive_fields(target);
  old_raw jsonb;
  new_raw jsonb;
  diff jsonb;
begin
  if not private.may_act_on('update', target.service_id, target.org_unit_id) then
    perform private.raise_record_error('PT403', 'update_forbidden', '您的角色不能修改此记录 / Your role cannot edit this record');
  end if;
  if private.is_terminal_status(definition, target.status) then
    perform private.raise_record_error('PT409', 'record_closed', '记录已办结，不能再修改 / The record is closed and cannot be edited',
      jsonb_build_object('status', target.status));
  end if;
  -- staged fields change only once a transition of their stage was taken (unchanged answers,
  -- masked ones included, pass as they were)
  perform private.refuse_unreached_stage(definition,
    coalesce((select jsonb_object_agg(d.key, d.value) from jsonb_each(case when jsonb_typeof(p_data) = 'object' then p_data else '{}' end) d
               where d.value is distinct from target.data -> d.key), '{}'),
    array(select e.transition_key from public.record_events e where e.record_id = target.id and e.kind = 'transition'));
  old_raw := private.record_raw_data(target);
  new_raw := private.checked_record_data(definition, private.restore_kept_answers(sensitive, p_data, target.data, old_raw));
  diff := private.record_change_diff(sensitive, old_raw, new_raw, target.data, p_data);
  if diff = '{}'::jsonb then
    return target;
  end if;
  target.data := new_raw; -- the trigger validates it and keeps the sensitive answers aside
  target.row_version := target.row_version + 1;
  target.updated_at := now();
  target.updated_by := (select auth.uid());
  perform private.save_record(target);
  perform private.append_record_event(target, 'updated', p_diff => diff);
  target.data := private.mask_record_data(sensitive, new_raw);
  return target;
end;
$$;
-- end routine

-- Hand-written DDL that names the routines (triggers, policies, grants), or nothing.
revoke execute on function public.transition_record(uuid, int, text, text, jsonb, jsonb, uuid) from public, anon;
grant execute on function public.transition_record(uuid, int, text, text, jsonb, jsonb, uuid) to authenticated, service_role;

-- after records_before_insert (which fixes the version), before records_validate_data_on_insert
create trigger records_stage_check_on_insert
before insert on public.records
for each row execute function private.records_check_stage();
