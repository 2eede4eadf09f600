-- Issue 12, items 5 and 6: a service may say who may apply from the resident registry and what
-- a second application for the same person gets. A definition's `eligibility[]` reads the linked
-- person's age on the filing date (the private birth date) and current tags
-- ({resident: "age" | "tags", op, value}); `duplicates` {match, open, held} warns or refuses when
-- the person has an open record of the service, or holds what is applied for (a record in a
-- granting terminal state). Both are checked when a record linked to a person (resident_id) is
-- filed, by the trigger records_validate_eligibility_on_insert (after the answers are checked):
-- record_invalid (400) with the rule's words, duplicate_application (409) naming the existing
-- record only to a caller who reads it. Imports and later edits are not checked (the demo seed
-- keeps what it had). public.find_duplicate_records lets the form warn first. The definition
-- checks (private.check_applicant_rules) hold both to the browser's schema, and tag kinds exist.
-- Routines between "-- routine:" and "-- end routine" are copies written by
-- `npm run db:migration`; edit supabase/routines/, never the copy.

-- Hand-written DDL the routines rely on (tables, columns, types), or nothing.

-- routine: supabase/routines/private/applicant_duplicates.sql
-- The records of a service already held for a person that the definition's `duplicates` rule
-- names (src/services/applicantSchema.ts duplicatesSchema): same service, same resident, not
-- deleted, equal answers to every `match` field; kind 'open' (not in a terminal state of its own
-- version) when `open` is set, kind 'held' (in one of `held.states`) when `held` is set, each
-- with its action (warn | refuse). Newest first; `p_except` leaves out the record being written.
-- security definer: a refusal must see records the caller cannot read, to say that one exists;
-- callers reveal only the ids the user reads (records_validate_eligibility, find_duplicate_records).
create or replace function private.applicant_duplicates(p_service_id uuid, p_resident_id uuid, p_data jsonb, p_rule jsonb, p_except uuid default null)
returns table (record_id uuid, kind text, action text, status text, created_at timestamptz)
language sql stable security definer set search_path = '' as $$
  select d.id, d.kind, d.action, d.status, d.created_at
    from (
      select r.id, r.status, r.created_at,
             case when not private.is_terminal_status(v.definition, r.status) then 'open'
                  when p_rule #> '{held,states}' ? r.status then 'held' end as kind,
             case when not private.is_terminal_status(v.definition, r.status) then p_rule ->> 'open'
                  when p_rule #> '{held,states}' ? r.status then p_rule #>> '{held,action}' end as action
        from public.records r
        join public.service_versions v on v.service_id = r.service_id and v.version = r.service_version
       where r.service_id = p_service_id and r.resident_id = p_resident_id and r.deleted_at is null
         and r.id is distinct from p_except
         and not exists (select 1 from jsonb_array_elements_text(case when jsonb_typeof(p_rule -> 'match') = 'array' then p_rule -> 'match' else '[]' end) m(key)
                          where r.data -> m.key is distinct from p_data -> m.key)
    ) d
   where d.action in ('warn', 'refuse')
   order by d.created_at desc, d.id
$$;

revoke execute on function private.applicant_duplicates(uuid, uuid, jsonb, jsonb, uuid) from public, anon;
grant execute on function private.applicant_duplicates(uuid, uuid, jsonb, jsonb, uuid) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/private/check_applicant_rules.sql
-- The definition's eligibility[] and duplicates, as src/services/applicantSchema.ts and
-- crossCheckApplicant.ts accept them: rules with a require condition and a message, person
-- leaves {resident: age (eq … lte, a number) | tags (eq, neq: a tag; in, nin: a list of tags)}
-- whose tags name kinds of public.resident_tag_kinds (the one check the browser cannot make),
-- answer leaves on fields that exist; duplicates.match on fields that exist, open / held.action
-- warn | refuse, held.states terminal states. Called by private.check_service_definition.
create or replace function private.check_applicant_rules(def jsonb) returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  errors jsonb := '[]';
  rule jsonb;
  leaf jsonb;
  i int;
  at text;
  ref text;
  field_keys text[];
  terminal_keys text[];
  tag_values text[];
begin
  select coalesce(array_agg(f ->> 'key'), '{}') into field_keys
    from jsonb_array_elements(case when jsonb_typeof(def -> 'fields') = 'array' then def -> 'fields' else '[]' end) f;
  if def ? 'eligibility' and jsonb_typeof(def -> 'eligibility') <> 'array' then
    errors := errors || private.wrong_type('eligibility', 'array');
  else
    for rule, i in select r, (n - 1)::int from jsonb_array_elements(coalesce(def -> 'eligibility', '[]')) with ordinality as t(r, n) loop
      at := format('eligibility[%s]', i);
      if jsonb_typeof(rule) <> 'object' or jsonb_typeof(rule -> 'require') <> 'object' then
        errors := errors || private.definition_error(at || '.require', 'required');
        continue;
      end if;
      if jsonb_typeof(rule -> 'message') is distinct from 'string' or private.is_empty_answer(rule -> 'message') then
        errors := errors || private.definition_error(at || '.message', 'required');
      end if;
      if exists (select 1 from jsonb_path_query(rule, 'lax $.**.op') o
                  where o #>> '{}' is null or o #>> '{}' not in ('eq', 'neq', 'in', 'nin', 'empty', 'not_empty', 'gt', 'gte', 'lt', 'lte')) then
        errors := errors || private.definition_error(at || '.require', 'invalid_value',
          '{"values": "eq | neq | in | nin | empty | not_empty | gt | gte | lt | lte"}');
      end if;
      for leaf in select l from jsonb_path_query(rule -> 'require', 'strict $.** ? (exists (@.resident))') l loop
        if leaf ->> 'resident' = 'age' then
          if coalesce(leaf ->> 'op', '') not in ('eq', 'neq', 'gt', 'gte', 'lt', 'lte') or jsonb_typeof(leaf -> 'value') is distinct from 'number' then
            errors := errors || private.definition_error(at || '.require', 'invalid_value', '{"values": "age: eq | neq | gt | gte | lt | lte, a number"}');
          end if;
        elsif leaf ->> 'resident' = 'tags' then
          tag_values := case
            when leaf ->> 'op' in ('eq', 'neq') and jsonb_typeof(leaf -> 'value') = 'string' then array[leaf ->> 'value']
            when leaf ->> 'op' in ('in', 'nin') and jsonb_typeof(leaf -> 'value') = 'array'
             and jsonb_array_length(case when jsonb_typeof(leaf -> 'value') = 'array' then leaf -> 'value' else '[]' end) > 0
             and not exists (select 1 from jsonb_array_elements(case when jsonb_typeof(leaf -> 'value') = 'array' then leaf -> 'value' else '[]' end) v
                              where jsonb_typeof(v) <> 'string')
              then array(select jsonb_array_elements_text(case when jsonb_typeof(leaf -> 'value') = 'array' then leaf -> 'value' else '[]' end)) end;
          if tag_values is null then
            errors := errors || private.definition_error(at || '.require', 'invalid_value', '{"values": "tags: eq | neq a tag, in | nin a list of tags"}');
          else
            foreach ref in array tag_values loop
              if not exists (select 1 from public.resident_tag_kinds k where k.key = ref) then
                errors := errors || private.definition_error(at || '.require', 'invalid_value',
                  jsonb_build_object('values', (select string_agg(k.key, ' | ' order by k.sort_order) from public.resident_tag_kinds k)));
              end if;
            end loop;
          end if;
        else
          errors := errors || private.definition_error(at || '.require', 'invalid_value', '{"values": "age | tags"}');
        end if;
      end loop;
      foreach ref in array private.condition_field_keys(rule -> 'when')
                           || array(select l ->> 'field' from jsonb_path_query(rule -> 'require', 'strict $.** ? (exists (@.field))') l)
                           || array(select l ->> 'valueFrom' from jsonb_path_query(rule -> 'require', 'strict $.** ? (exists (@.valueFrom))') l)
                           || case when rule ? 'field' then array[rule ->> 'field'] else '{}' end loop
        if not coalesce(ref, '') = any (field_keys) then
          errors := errors || private.definition_error(at, 'unknown_field_ref', jsonb_build_object('field', coalesce(ref, '')));
        end if;
      end loop;
    end loop;
  end if;

  if def ? 'duplicates' then
    if jsonb_typeof(def -> 'duplicates') <> 'object' then
      return errors || private.wrong_type('duplicates', 'object');
    end if;
    for ref, i in select m, (n - 1)::int from jsonb_array_elements_text(
        case when jsonb_typeof(def #> '{duplicates,match}') = 'array' then def #> '{duplicates,match}' else '[]' end) with ordinality as t(m, n) loop
      if not ref = any (field_keys) then
        errors := errors || private.definition_error(format('duplicates.match[%s]', i), 'unknown_field_ref', jsonb_build_object('field', ref));
      end if;
    end loop;
    if def -> 'duplicates' ? 'open' and def #>> '{duplicates,open}' is distinct from 'warn' and def #>> '{duplicates,open}' is distinct from 'refuse' then
      errors := errors || private.definition_error('duplicates.open', 'invalid_value', '{"values": "warn | refuse"}');
    end if;
    if def -> 'duplicates' ? 'held' then
      if coalesce(def #>> '{duplicates,held,action}', '') not in ('warn', 'refuse') then
        errors := errors || private.definition_error('duplicates.held.action', 'invalid_value', '{"values": "warn | refuse"}');
      end if;
      select coalesce(array_agg(s ->> 'key'), '{}') into terminal_keys
        from jsonb_array_elements(case when jsonb_typeof(def #> '{workflow,states}') = 'array' then def #> '{workflow,states}' else '[]' end) s
       where s -> 'terminal' = 'true'::jsonb;
      if jsonb_typeof(def #> '{duplicates,held,states}') is distinct from 'array' or jsonb_array_length(def #> '{duplicates,held,states}') = 0 then
        errors := errors || private.definition_error('duplicates.held.states', 'too_few', '{"minimum": 1}');
      else
        for ref, i in select s, (n - 1)::int from jsonb_array_elements_text(def #> '{duplicates,held,states}') with ordinality as t(s, n) loop
          if not ref = any (terminal_keys) then
            errors := errors || private.definition_error(format('duplicates.held.states[%s]', i), 'invalid_value',
              jsonb_build_object('values', array_to_string(terminal_keys, ' | ')));
          end if;
        end loop;
      end if;
    end if;
  end if;
  return errors;
end;
$$;
-- end routine

-- routine: supabase/routines/private/check_service_definition.sql
-- The structural checks the database relies on: keys, known field types with well-typed
-- options, layout keys (section, width), conditions naming existing fields without cycles,
-- derived values, defaults and rules (private.check_derived_fields), workflow states that exist,
-- permissions by role (an action that needs read comes with read), eligibility and duplicates
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
  end if;
  -- eligibility[] (the linked person's age and tags) and duplicates
  errors := errors || private.check_applicant_rules(def);
  return errors;
end;
$$;
-- end routine

-- routine: supabase/routines/private/eligibility_holds.sql
-- An eligibility condition (all / any / not over leaves) on the answers and the person's facts
-- (private.resident_facts), as src/services/eligibilityIssues.ts eligibilityHolds decides it: a leaf
-- `{resident: "age" | "tags", op, value}` compares that fact by private.evaluate_condition (tags
-- is a list: eq = has the tag, in = has one of them), any other leaf is a rule leaf on the
-- answers (private.condition_holds).
create or replace function private.eligibility_holds(condition jsonb, data jsonb, facts jsonb, today date) returns boolean
language plpgsql immutable set search_path = '' as $$
declare
  part jsonb;
begin
  if condition ? 'all' then
    for part in select jsonb_array_elements(condition -> 'all') loop
      if not private.eligibility_holds(part, data, facts, today) then
        return false;
      end if;
    end loop;
    return true;
  elsif condition ? 'any' then
    for part in select jsonb_array_elements(condition -> 'any') loop
      if private.eligibility_holds(part, data, facts, today) then
        return true;
      end if;
    end loop;
    return false;
  elsif condition ? 'not' then
    return not private.eligibility_holds(condition -> 'not', data, facts, today);
  elsif condition ? 'resident' then
    return private.evaluate_condition(condition, facts -> (condition ->> 'resident'));
  end if;
  return private.condition_holds(condition, data, today);
end;
$$;
-- end routine

-- routine: supabase/routines/private/eligibility_issues.sql
-- The definition's eligibility[] rules the person fails, as record issues {field, code: 'rule',
-- params: {message, message_en}} (src/services/eligibilityIssues.ts eligibilityIssues): a rule whose
-- `when` does not hold on the answers is skipped, and so is one reading an unknown age.
create or replace function private.eligibility_issues(definition jsonb, data jsonb, facts jsonb, today date) returns jsonb
language plpgsql immutable set search_path = '' as $$
declare
  rule jsonb;
  issues jsonb := '[]';
begin
  for rule in select jsonb_array_elements(case when jsonb_typeof(definition -> 'eligibility') = 'array' then definition -> 'eligibility' else '[]' end) loop
    continue when jsonb_typeof(rule -> 'when') = 'object' and not private.condition_holds(rule -> 'when', data, today);
    continue when jsonb_typeof(facts -> 'age') is distinct from 'number' and jsonb_path_exists(rule -> 'require', 'lax $.** ? (@.resident == "age")');
    continue when private.eligibility_holds(rule -> 'require', data, facts, today);
    issues := issues || jsonb_build_object('field', coalesce(rule ->> 'field', ''), 'code', 'rule',
      'params', jsonb_build_object('message', rule ->> 'message', 'message_en', coalesce(rule ->> 'message_en', rule ->> 'message')));
  end loop;
  return issues;
end;
$$;
-- end routine

-- routine: supabase/routines/private/records_validate_eligibility.sql
-- BEFORE INSERT on public.records (trigger records_validate_eligibility_on_insert, named to fire
-- after records_validate_data_on_insert, so it reads the checked answers): a record filed for a
-- person of the registry (resident_id) must meet the definition's eligibility[] (the person's
-- age on the filing date and current tags: private.resident_facts) — else record_invalid (HTTP
-- 400) with the rule's words, as rules[] are refused — and must not be a second application the
-- definition's `duplicates` refuses: duplicate_application (HTTP 409), whose detail names the
-- existing record's id only when the caller reads it (this function runs under the caller's
-- RLS), else says one exists. Imports (the demo seed, publish_definition, linking) keep what
-- they had: they are not checked, nor are later edits — eligibility is a condition of filing.
create or replace function private.records_validate_eligibility() returns trigger
language plpgsql set search_path = '' as $$
declare
  definition jsonb;
  issues jsonb;
  existing record;
  readable boolean;
  duplicate_count int;
begin
  if new.resident_id is null or private.record_write_mode() = 'import' then
    return new;
  end if;
  select v.definition into definition from public.service_versions v
   where v.service_id = new.service_id and v.version = new.service_version;
  if jsonb_typeof(definition -> 'eligibility') = 'array' and jsonb_array_length(definition -> 'eligibility') > 0 then
    issues := private.eligibility_issues(definition, new.data, private.resident_facts(new.resident_id, private.local_today()), private.local_today());
    if jsonb_array_length(issues) > 0 then
      raise exception using errcode = 'PT400', message = 'record_invalid',
        detail = issues::text, hint = private.record_issue_hint(definition, issues -> 0);
    end if;
  end if;
  if jsonb_typeof(definition -> 'duplicates') = 'object' then
    select d.* into existing from private.applicant_duplicates(new.service_id, new.resident_id, new.data, definition -> 'duplicates', new.id) d
     where d.action = 'refuse' limit 1;
    if found then
      readable := exists (select 1 from public.records r where r.id = existing.record_id);
      select count(*) into duplicate_count from private.applicant_duplicates(new.service_id, new.resident_id, new.data, definition -> 'duplicates', new.id);
      perform private.raise_record_error('PT409', 'duplicate_application',
        case when existing.kind = 'open'
          then '该居民已有一件未办结的同类申请' || case when readable then '（见已有记录）' else '（由其他人员办理，您无权查看）' end
               || '，不能重复申请 / This person already has an open application of this kind'
               || case when readable then ' (see the existing record)' else ' (handled by others; you cannot view it)' end
          else '该居民已持有所申请的事项' || case when readable then '（见已有记录）' else '（由其他人员办理，您无权查看）' end
               || '，不能重复申请 / This person already holds what is applied for'
               || case when readable then ' (see the existing record)' else ' (handled by others; you cannot view it)' end
        end,
        jsonb_build_object('kind', existing.kind, 'record_id', case when readable then existing.record_id end, 'count', duplicate_count));
    end if;
  end if;
  return new;
end;
$$;

revoke execute on function private.records_validate_eligibility() from public, anon;
-- end routine

-- routine: supabase/routines/private/resident_facts.sql
-- What an eligibility condition reads about a person on a day (src/services/eligibilityIssues.ts
-- applicantFacts): {"age": full years from the registry's birth date (null before birth),
-- "tags": the keys of the tags current that day, valid_from ≤ day ≤ valid_to, open end included}.
-- security definer: the birth date is private (resident_birth_date), and the tags are read for
-- the person a record is being linked to, whom records_check_resident_link already admitted.
create or replace function private.resident_facts(p_resident_id uuid, p_on date) returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object(
    'age', (select extract(year from age(p_on, b.birth_date))::int
              from (select private.resident_birth_date(p_resident_id) as birth_date) b
             where b.birth_date <= p_on),
    'tags', coalesce((select jsonb_agg(distinct t.tag_key)
                        from public.resident_tags t
                       where t.resident_id = p_resident_id and t.valid_from <= p_on
                         and (t.valid_to is null or t.valid_to >= p_on)), '[]'))
$$;

revoke execute on function private.resident_facts(uuid, date) from public, anon;
grant execute on function private.resident_facts(uuid, date) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/public/find_duplicate_records.sql
-- Before filing: the records the definition's `duplicates` rule finds for a person (open, or
-- holding what is applied for; src/data/applicantChecks.ts), for the form to warn or stop:
-- {"action": "refuse" | "warn" | null (the strongest found), "records": [{id, kind, action,
-- status, created_at}] of those the caller reads, "others": how many they cannot read (only
-- counted, never described)}. Data are the answers so far (the `match` fields are compared).
-- The person must be one the caller reads through the registry (as a record's link needs):
-- else resident_link_forbidden (403), so nobody learns what is held for anybody.
-- security invoker: visibility is the caller's RLS; applicant_duplicates counts past it.
create or replace function public.find_duplicate_records(p_service_id uuid, p_resident_id uuid, p_data jsonb default '{}') returns jsonb
language plpgsql stable security invoker set search_path = '' as $$
declare
  rule jsonb;
  readable_records jsonb;
  hidden_count int;
  strongest text;
begin
  if not exists (select 1 from public.residents r
                  where r.id = p_resident_id and r.grid_org_unit_id = any (private.my_scope_units('read'))) then
    perform private.raise_record_error('PT403', 'resident_link_forbidden',
      '不能关联此居民：该居民不存在或不在您可查看的网格内 / This record cannot be linked to that resident: '
      || 'no such resident in the grids you may see');
  end if;
  select v.definition -> 'duplicates' into rule
    from public.services s join public.service_versions v on v.service_id = s.id and v.version = s.current_version
   where s.id = p_service_id;
  if jsonb_typeof(rule) is distinct from 'object' then
    return jsonb_build_object('action', null, 'records', '[]'::jsonb, 'others', 0);
  end if;
  select coalesce(jsonb_agg(jsonb_build_object('id', d.record_id, 'kind', d.kind, 'action', d.action, 'status', d.status, 'created_at', d.created_at)
                            order by d.created_at desc) filter (where d.readable), '[]'),
         count(*) filter (where not d.readable),
         case when bool_or(d.action = 'refuse') then 'refuse' when count(*) > 0 then 'warn' end
    into readable_records, hidden_count, strongest
    from (select x.*, exists (select 1 from public.records r where r.id = x.record_id) as readable
            from private.applicant_duplicates(p_service_id, p_resident_id, coalesce(p_data, '{}'), rule) x) d;
  return jsonb_build_object('action', strongest, 'records', readable_records, 'others', hidden_count);
end;
$$;

revoke execute on function public.find_duplicate_records(uuid, uuid, jsonb) from public, anon;
grant execute on function public.find_duplicate_records(uuid, uuid, jsonb) to authenticated, service_role;
-- end routine

-- Hand-written DDL that names the routines (triggers, policies, grants), or nothing.
-- Named to sort after records_validate_data_on_insert (same timing, triggers fire by name): the
-- rules read the answers as checked, derived values included and hidden ones dropped.
create trigger records_validate_eligibility_on_insert
before insert on public.records
for each row execute function private.records_validate_eligibility();
