-- The definition check's part for guarded and routed transitions and staged fields, as
-- src/services/crossCheckWorkflow.ts and workflowSchema.ts check them: a guard reads existing,
-- non-sensitive fields; `escalate` is a boolean or a route (parent, origin, a level, a choice among
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
      if jsonb_typeof(route) <> 'object' or coalesce(route ->> 'to', '') not in ('parent', 'origin', 'level', 'choose') then
        errors := errors || private.definition_error(at || '.escalate', 'invalid_value',
          '{"values": "true | {\"to\": \"parent\"} | {\"to\": \"origin\"} | {\"to\": \"level\", \"level\"} | {\"to\": \"choose\", \"levels\", \"units\"}"}');
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
