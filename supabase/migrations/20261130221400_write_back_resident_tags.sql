-- Write-back of outcomes to the registry (issue 12, item 4): a workflow transition may set or
-- end a tag on the person its record is linked to (`tags: [{tag, action: set | end, note?}]`,
-- e.g. 发放领取 of 老年优待证 → 老年优待证持证 from today). transition_record applies them in its
-- transaction (private.apply_transition_tags, security definer: the permitted transition is the
-- authority, the event still names the actor; source record + the record's id). The definition
-- check refuses tags without a resident field, derived age kinds, unknown kinds and a tag named
-- twice on one transition (private.check_transition_tags, new messages in definition_error).
-- Routines between "-- routine:" and "-- end routine" are copies written by
-- `npm run db:migration`; edit supabase/routines/, never the copy.

-- Hand-written DDL the routines rely on (tables, columns, types), or nothing.

-- routine: supabase/routines/private/apply_transition_tags.sql
-- Writes a transition's outcomes to the registry (issue 12, item 4): for a record linked to a
-- person (records.resident_id), each {tag, action} of the transition's `tags`:
--   set: a resident_tags row valid from today (China time), unless the person holds the tag now
--        or from a later day (then nothing: a repeated or re-taken transition is not an error);
--   end: valid_to = today on the period current today (nothing if there is none).
-- Through the registry's own triggers, with app.resident_source = 'record' and the record's id,
-- so the tag's source is the record (source_record_id) and the event (tag_added / tag_changed)
-- names the record and the actor (auth.uid(): the user who took the transition).
-- A record linked to nobody: nothing is written.
-- security definer, on purpose: the person's grid may lie outside the actor's registry writing
-- scope — a record escalated to the street and approved there by street staff, a grid worker
-- handing over a card to a person registered in the neighbouring grid. The outcome is part of the
-- workflow that transition_record just authorised (the transition exists, leaves the state, the
-- caller's role may take it, its guard holds), so the permitted transition is the authority, as
-- private.save_record writes the record past the caller's own policies. Callers: transition_record
-- only, after it has checked all of that and saved the record.
create or replace function private.apply_transition_tags(p_record public.records, p_tags jsonb) returns void
language plpgsql security definer set search_path = '' as $$
declare
  item jsonb;
  today date := private.local_today();
  period public.resident_tags;
begin
  if p_record.resident_id is null or jsonb_typeof(p_tags) is distinct from 'array' or jsonb_array_length(p_tags) = 0 then
    return;
  end if;
  perform set_config('app.resident_source', 'record', true);
  perform set_config('app.resident_source_ref', p_record.id::text, true);
  for item in select g from jsonb_array_elements(p_tags) g loop
    if item ->> 'action' = 'set' then
      if not exists (select 1 from public.resident_tags t
                      where t.resident_id = p_record.resident_id and t.tag_key = item ->> 'tag'
                        and (t.valid_to is null or t.valid_to >= today)) then
        insert into public.resident_tags (resident_id, tag_key, valid_from, note)
        values (p_record.resident_id, item ->> 'tag', today, coalesce(item ->> 'note', ''));
      end if;
    elsif item ->> 'action' = 'end' then
      select t.* into period from public.resident_tags t
       where t.resident_id = p_record.resident_id and t.tag_key = item ->> 'tag'
         and t.valid_from <= today and (t.valid_to is null or t.valid_to > today)
       for update;
      if found then
        update public.resident_tags t set valid_to = today, row_version = period.row_version + 1 where t.id = period.id;
      end if;
    end if;
  end loop;
  perform set_config('app.resident_source', '', true);
  perform set_config('app.resident_source_ref', '', true);
end;
$$;

revoke execute on function private.apply_transition_tags(public.records, jsonb) from public, anon;
grant execute on function private.apply_transition_tags(public.records, jsonb) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/private/check_service_definition.sql
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
-- end routine

-- routine: supabase/routines/private/check_transition_tags.sql
-- The definition check's part for outcomes written to the registry (issue 12, item 4), as
-- src/services/workflowSchema.ts (tagWriteSchema) and crossCheckTagWrites.ts check them: a
-- transition's `tags` is a list of {tag, action: set | end, note?}; it needs a `resident` field
-- (the person the tags are written to); a tag appears once per transition; it names a kind of
-- public.resident_tag_kinds — the one check the browser cannot make, reported like eligibility's
-- (invalid_value listing the kinds) — that is not derived from the birth date (min_age: 60岁以上,
-- 80岁以上 are computed, never stored). Called by check_service_definition once fields and
-- transitions are arrays.
create or replace function private.check_transition_tags(def jsonb) returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  errors jsonb := '[]';
  transition jsonb;
  item jsonb;
  i int;
  j int;
  at text;
  seen text[];
  links_person boolean := exists (select 1 from jsonb_array_elements(def -> 'fields') f where jsonb_typeof(f) = 'object' and f ->> 'type' = 'resident');
  kinds text := (select string_agg(k.key, ' | ' order by k.sort_order) from public.resident_tag_kinds k where k.min_age is null);
begin
  for transition, i in select t, (n - 1)::int from jsonb_array_elements(def #> '{workflow,transitions}') with ordinality as x(t, n) loop
    continue when jsonb_typeof(transition) <> 'object' or not transition ? 'tags';
    at := format('workflow.transitions[%s].tags', i);
    if jsonb_typeof(transition -> 'tags') <> 'array' then
      errors := errors || private.wrong_type(at, 'array');
      continue;
    end if;
    continue when jsonb_array_length(transition -> 'tags') = 0;
    if not links_person then
      errors := errors || private.definition_error(at, 'tags_need_resident_field');
      continue;
    end if;
    seen := '{}';
    for item, j in select g, (n - 1)::int from jsonb_array_elements(transition -> 'tags') with ordinality as x(g, n) loop
      if jsonb_typeof(item) <> 'object' then
        errors := errors || private.wrong_type(format('%s[%s]', at, j), 'object');
        continue;
      end if;
      if exists (select 1 from jsonb_object_keys(item) k where k not in ('tag', 'action', 'note')) then
        errors := errors || private.definition_error(format('%s[%s]', at, j), 'unknown_property',
          jsonb_build_object('key', (select k from jsonb_object_keys(item) k where k not in ('tag', 'action', 'note') limit 1)));
      end if;
      if coalesce(item ->> 'action', '') not in ('set', 'end') then
        errors := errors || private.definition_error(format('%s[%s].action', at, j), 'invalid_value', '{"values": "set | end"}');
      end if;
      if item ? 'note' and (jsonb_typeof(item -> 'note') <> 'string' or char_length(item ->> 'note') > 200) then
        errors := errors || private.definition_error(format('%s[%s].note', at, j), 'wrong_type',
          '{"expected": "a text of at most 200 characters", "expected_zh": "不超过 200 字的文本"}');
      end if;
      if jsonb_typeof(item -> 'tag') is distinct from 'string' then
        errors := errors || private.definition_error(format('%s[%s].tag', at, j), 'required');
      elsif exists (select 1 from public.resident_tag_kinds k where k.key = item ->> 'tag' and k.min_age is not null) then
        errors := errors || private.definition_error(format('%s[%s].tag', at, j), 'tag_derived', jsonb_build_object('tag', item ->> 'tag'));
      elsif not exists (select 1 from public.resident_tag_kinds k where k.key = item ->> 'tag') then
        errors := errors || private.definition_error(format('%s[%s].tag', at, j), 'invalid_value', jsonb_build_object('values', kinds));
      elsif item ->> 'tag' = any (seen) then
        errors := errors || private.definition_error(format('%s[%s].tag', at, j), 'duplicate_key', jsonb_build_object('key', item ->> 'tag'));
      end if;
      seen := seen || (item ->> 'tag');
    end loop;
  end loop;
  return errors;
end;
$$;

revoke execute on function private.check_transition_tags(jsonb) from public, anon;
grant execute on function private.check_transition_tags(jsonb) to authenticated, service_role;
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

-- routine: supabase/routines/public/transition_record.sql
-- Takes a workflow transition. Checks, in the order of checkTransition in
-- src/services/workflow.ts: the transition exists and leaves the current state, one of the
-- caller's roles (at the record's unit or above) may take it, its guard (`when`, on the stored
-- answers; refused with the guard described), the comment (trimmed, blank meaning none, at most
-- 2,000 characters), the fields (only its own: those it requires and those staged to it), the
-- required ones filled, every checklist item ticked, the escalation target. Then merges the
-- given answers and the transition's `set` values into the raw answers and validates them,
-- moves the record (escalate: private.escalation_target), sets the due date from the target
-- state's time limit (private.record_due_at, as the status trigger does) and writes a `transition` event with the checklist; the returned row and
-- the diff are masked. Last, the transition's `tags` are written to the linked person
-- (private.apply_transition_tags: set from today / end today, source the record).
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
  -- the defaults of the fields staged to this transition fill what is still empty, as intake does
  fields := fields || coalesce((
    select jsonb_object_agg(d.key, d.value)
      from jsonb_each(private.fill_record_defaults(
             jsonb_build_object('fields', coalesce((select jsonb_agg(f - 'stage') from jsonb_array_elements(definition -> 'fields') f
                                                     where jsonb_typeof(f -> 'stage') = 'array' and f -> 'stage' ? (transition ->> 'key')), '[]')),
             target.data || fields)) d
     where private.is_empty_answer((target.data || fields) -> d.key) and not private.is_empty_answer(d.value)), '{}');
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
  target_unit := private.escalation_target(transition -> 'escalate', target, p_target_unit);
  -- the transition's own values win over anything sent for the same field
  fields := fields || private.transition_assignments(definition, transition, target_unit);

  if fields <> '{}'::jsonb then
    -- validated and compared as entered; the trigger keeps the sensitive answers aside
    old_raw := private.record_raw_data(target);
    merged := private.checked_record_data(definition, old_raw || private.restore_kept_answers(sensitive, fields, target.data, old_raw));
    diff := private.record_change_diff(sensitive, old_raw, merged, target.data, fields);
    target.data := merged;
  end if;
  if target_unit is not null and target_unit <> target.org_unit_id then
    diff := diff || jsonb_build_object('org_unit_id', jsonb_build_array(target.org_unit_id, target_unit));
    target.org_unit_id := target_unit;
  end if;
  select s into to_state from jsonb_array_elements(definition #> '{workflow,states}') s where s ->> 'key' = transition ->> 'to';
  target.status := to_state ->> 'key';
  -- as the status trigger sets it (timeLimit, 工作日, by a field's answer), so the row returned says the same
  target.due_at := private.record_due_at(definition, target.status, target.data, now());
  target.row_version := target.row_version + 1;
  target.updated_at := now();
  target.updated_by := (select auth.uid());
  perform private.save_record(target);
  perform private.append_record_event(target, 'transition', from_status, target.status, p_transition,
    given_comment, nullif(diff, '{}'::jsonb), checklist);
  -- outcomes for the linked person's registry entry (tags set or ended), in this transaction
  perform private.apply_transition_tags(target, transition -> 'tags');
  if fields <> '{}'::jsonb then
    target.data := private.mask_record_data(sensitive, target.data);
  end if;
  return target;
end;
$$;
-- end routine

-- Hand-written DDL that names the routines (triggers, policies, grants), or nothing.
