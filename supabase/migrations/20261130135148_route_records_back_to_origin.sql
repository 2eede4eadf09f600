-- An escalation route back to where the record was filed ({"to": "origin"}): after a street or
-- community has handled a grid event, 现场核查 belongs to the grid worker on site, whose role
-- holds only at the grid; returning the record there gives them the step (issue #9, item 5).
-- private.escalation_target now takes the record (to find its `created` event's unit).
-- Routines between "-- routine:" and "-- end routine" are copies written by
-- `npm run db:migration`; edit supabase/routines/, never the copy.

-- Hand-written DDL the routines rely on (tables, columns, types), or nothing.
-- the argument list changes (unit id → the record): drop, so no second overload remains
drop function private.escalation_target(jsonb, uuid, uuid);

-- routine: supabase/routines/private/check_workflow_routing.sql
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
-- end routine

-- routine: supabase/routines/private/escalation_target.sql
-- The unit an escalating transition moves a record to (src/services/escalation.ts resolves the
-- same way for the dialog): `true` or {"to": "parent"} the parent; {"to": "level", "level"} the
-- nearest ancestor of that level (a grid's record goes straight to its street); {"to": "origin"}
-- back to the unit it was filed at (its `created` event's unit: 现场核查 by the grid worker); {"to":
-- "choose", "levels", "units"} the unit the caller picked, which must be an ancestor of one of
-- those levels or one of the units named by code (吹哨报到). Null when the transition does not
-- escalate; a chosen unit given to any other transition is refused rather than ignored.
create or replace function private.escalation_target(escalate jsonb, record public.records, chosen uuid) returns uuid
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
  select * into unit from public.org_units u where u.id = record.org_unit_id;
  if route = 'parent' then
    target := unit.parent_id;
  elsif route = 'origin' then
    select coalesce((select e.org_unit_id from public.record_events e where e.record_id = record.id and e.kind = 'created' order by e.id limit 1),
                    record.org_unit_id)
      into target;
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

revoke execute on function private.escalation_target(jsonb, public.records, uuid) from public, anon;
grant execute on function private.escalation_target(jsonb, public.records, uuid) to authenticated, service_role;
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

-- Hand-written DDL that names the routines (triggers, policies, grants), or nothing.
