-- update_record and transition_record with sensitive fields split (previous migration): they
-- accept a sensitive answer sent back exactly as read (masked) as "keep the raw value", or a
-- new raw value; they validate and compare raw answers; their results and history diffs carry
-- masked values only.
--
-- No oracle: a sensitive answer sent as a new value counts as a change even when it equals the
-- raw value already stored. Otherwise a user who may edit but not see the raw value could test
-- a guess ("no change" = right guess) without ever unmasking it.

-- The sensitive fields of the record's version.
create function private.record_sensitive_fields(p_record public.records) returns jsonb
language sql stable set search_path = '' as $$
  select v.sensitive_fields from public.service_versions v where v.service_id = p_record.service_id and v.version = p_record.service_version
$$;

-- {field: [old, new]} for every answer that changed, sensitive ones shown masked. A sensitive
-- answer the caller sent (p_sent) as anything other than the stored masked value counts as
-- changed (see above).
create function private.record_change_diff(p_fields jsonb, p_old_raw jsonb, p_new_raw jsonb, p_old_masked jsonb, p_sent jsonb) returns jsonb
language sql stable set search_path = '' as $$
  select coalesce(jsonb_object_agg(keys.k, case when f.field is null
           then jsonb_build_array(coalesce(p_old_raw -> keys.k, 'null'), coalesce(p_new_raw -> keys.k, 'null'))
           else jsonb_build_array(coalesce(p_old_masked -> keys.k, 'null'), coalesce(private.mask_answer(f.field, p_new_raw -> keys.k), 'null')) end), '{}')
    from (select jsonb_object_keys(p_old_raw) k union select jsonb_object_keys(p_new_raw)) keys
    left join lateral (select s from jsonb_array_elements(p_fields) s where s ->> 'key' = keys.k) f(field) on true
   where (p_old_raw -> keys.k) is distinct from (p_new_raw -> keys.k)
      or (f.field is not null and p_sent ? keys.k and p_new_raw ? keys.k and (p_sent -> keys.k) is distinct from (p_old_masked -> keys.k))
$$;

-- Edits the record's answers (full replacement of data), for roles granted `update`.
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

-- Takes a workflow transition: as in 20261126010300_create_record_actions.sql (checks in the
-- order of checkTransition in src/services/workflow.ts), with the transition's fields merged
-- into the raw answers and the result and diff masked.
create or replace function public.transition_record(
  p_id uuid,
  p_row_version int,
  p_transition text,
  p_comment text default null,
  p_fields jsonb default null,
  p_checklist jsonb default null
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
  parent_id uuid;
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
  if transition -> 'requireComment' = 'true'::jsonb and private.is_empty_answer(to_jsonb(p_comment)) then
    perform private.raise_record_error('PT400', 'comment_required', '请填写处理意见 / A comment is required',
      jsonb_build_object('code', 'comment_required'));
  end if;
  if jsonb_typeof(fields) <> 'object' then
    perform private.raise_record_error('PT400', 'fields_not_allowed', '办理时填写的内容格式不正确 / p_fields must be an object',
      jsonb_build_object('code', 'fields_not_allowed'));
  end if;
  -- a transition may fill its required fields; other answers may be sent back only unchanged
  -- (as read: sensitive ones masked)
  select array_agg(f.key) into not_allowed
    from jsonb_each(fields) f
   where not coalesce(transition -> 'requireFields', '[]'::jsonb) ? f.key
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

  if fields <> '{}'::jsonb then
    -- validated and compared as entered; the trigger keeps the sensitive answers aside
    old_raw := private.record_raw_data(target);
    merged := private.checked_record_data(definition, old_raw || private.restore_kept_answers(sensitive, fields, target.data, old_raw));
    diff := private.record_change_diff(sensitive, old_raw, merged, target.data, fields);
    target.data := merged;
  end if;
  if transition -> 'escalate' = 'true'::jsonb then
    select u.parent_id into parent_id from public.org_units u where u.id = target.org_unit_id;
    if parent_id is null then
      perform private.raise_record_error('PT400', 'no_parent_unit', '已是最高一级单位，无法上报 / There is no higher unit to escalate to');
    end if;
    diff := diff || jsonb_build_object('org_unit_id', jsonb_build_array(target.org_unit_id, parent_id));
    target.org_unit_id := parent_id;
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
    nullif(btrim(coalesce(p_comment, '')), ''), nullif(diff, '{}'::jsonb), checklist);
  if fields <> '{}'::jsonb then
    target.data := private.mask_record_data(sensitive, target.data);
  end if;
  return target;
end;
$$;

revoke execute on function private.record_sensitive_fields(public.records) from public, anon;
grant execute on function private.record_sensitive_fields(public.records) to authenticated, service_role;
