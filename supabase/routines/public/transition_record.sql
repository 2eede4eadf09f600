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
