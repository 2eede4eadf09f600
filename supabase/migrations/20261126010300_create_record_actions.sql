-- Every change to a record after its creation, each an RPC that checks the workflow
-- definition and the caller's rights, changes the row and writes its history entry in one
-- transaction. security invoker: the caller's RLS decides which records they can reach; the
-- functions then check the action (update / delete / the transition's roles) themselves.
--
-- Errors carry a stable `message` (the code the SPA maps), a JSON `detail` and a bilingual
-- `hint`. SQLSTATE PTxxx makes PostgREST answer with HTTP status xxx.

-- routine: supabase/routines/private/raise_record_error.sql
create or replace function private.raise_record_error(p_errcode text, p_message text, p_hint text, p_detail jsonb default null) returns void
language plpgsql immutable set search_path = '' as $$
begin
  raise exception using errcode = p_errcode, message = p_message, hint = p_hint, detail = coalesce(p_detail::text, '');
end;
$$;
-- end routine

-- routine: supabase/routines/private/lock_record.sql
-- The record, locked for this transaction, if the caller can reach it and read the same
-- row_version the change is based on.
create or replace function private.lock_record(p_id uuid, p_row_version int) returns public.records
language plpgsql set search_path = '' as $$
declare
  found_record public.records;
begin
  select * into found_record from public.records where id = p_id for update;
  if found_record.id is null then
    perform private.raise_record_error('PT404', 'record_not_found', '记录不存在或无权访问 / No such record, or not yours to see');
  end if;
  if p_row_version is distinct from found_record.row_version then
    perform private.raise_record_error('PT409', 'stale_record',
      '记录已被他人修改，请刷新后重试 / Someone else changed this record; reload and try again',
      jsonb_build_object('row_version', found_record.row_version));
  end if;
  return found_record;
end;
$$;
-- end routine

-- routine: supabase/routines/private/record_definition.sql
create or replace function private.record_definition(p_record public.records) returns jsonb
language sql stable set search_path = '' as $$
  select v.definition from public.service_versions v where v.service_id = p_record.service_id and v.version = p_record.service_version
$$;
-- end routine

-- routine: supabase/routines/private/save_record.sql
-- Writes the row as the RPC computed it. The flag lets the guard trigger through for this
-- statement only; validation still runs when data changes.
-- security definer: the RPC has already locked the row under the caller's RLS and checked the
-- action; the new row may legitimately leave the caller's sight (an escalation moves it to
-- the parent unit), which an UPDATE under the caller's SELECT policy would refuse.
create or replace function private.save_record(p_record public.records) returns void
language plpgsql security definer set search_path = '' as $$
begin
  perform set_config('app.record_write', 'rpc', true);
  update public.records
     set org_unit_id = p_record.org_unit_id,
         status = p_record.status,
         assignee = p_record.assignee,
         due_at = p_record.due_at,
         data = p_record.data,
         row_version = p_record.row_version,
         updated_at = p_record.updated_at,
         updated_by = p_record.updated_by,
         deleted_at = p_record.deleted_at,
         deleted_by = p_record.deleted_by
   where id = p_record.id;
  perform set_config('app.record_write', '', true);
end;
$$;

revoke execute on function private.save_record(public.records) from public, anon;
grant execute on function private.save_record(public.records) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/private/data_diff.sql
-- {field: [old, new]} for every top-level key whose answer changed.
create or replace function private.data_diff(p_old jsonb, p_new jsonb) returns jsonb
language sql immutable set search_path = '' as $$
  select coalesce(jsonb_object_agg(k, jsonb_build_array(coalesce(p_old -> k, 'null'), coalesce(p_new -> k, 'null'))), '{}')
    from (select jsonb_object_keys(p_old) k union select jsonb_object_keys(p_new)) keys
   where (p_old -> k) is distinct from (p_new -> k)
$$;
-- end routine

-- routine: supabase/routines/private/is_terminal_status.sql
create or replace function private.is_terminal_status(p_definition jsonb, p_status text) returns boolean
language sql immutable set search_path = '' as $$
  select exists (select 1 from jsonb_array_elements(p_definition #> '{workflow,states}') s
                  where s ->> 'key' = p_status and s -> 'terminal' = 'true'::jsonb)
$$;
-- end routine

-- routine: supabase/routines/private/my_roles_at.sql
-- Roles the caller holds at this unit or one of its ancestors (their own memberships are
-- readable to them, so no definer rights are needed).
create or replace function private.my_roles_at(p_org_unit_id uuid) returns text[]
language sql stable set search_path = '' as $$
  select coalesce(array_agg(distinct m.role_key), '{}')
    from public.memberships m
    join public.org_units mine on mine.id = m.org_unit_id
    join public.org_units target on target.id = p_org_unit_id
   where m.user_id = (select auth.uid()) and m.status = 'active'
     and (target.path = mine.path or target.path like mine.path || '.%')
$$;
-- end routine

-- routine: supabase/routines/public/update_record.sql
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
-- end routine

-- routine: supabase/routines/public/transition_record.sql
-- Takes a workflow transition. Checks, in the order of checkTransition in
-- src/services/workflow.ts: the transition exists and leaves the current state, one of the
-- caller's roles (at the record's unit or above) may take it, the comment (trimmed, blank
-- meaning none, at most 2,000 characters), the required fields (merged into the raw answers
-- and validated), every checklist item ticked. Then moves the record (escalate: to the parent
-- unit), sets the due date from the target state's slaHours and writes a `transition` event
-- with the checklist; the returned row and the diff are masked.
-- p_checklist: ticked keys ["id_card", …] or {"id_card": true, …}.
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
  if transition -> 'requireComment' = 'true'::jsonb and given_comment is null then
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
    given_comment, nullif(diff, '{}'::jsonb), checklist);
  if fields <> '{}'::jsonb then
    target.data := private.mask_record_data(sensitive, target.data);
  end if;
  return target;
end;
$$;
-- end routine

-- routine: supabase/routines/public/comment_record.sql
-- Adds a comment to the history; anyone who can read the record may comment. At most 2,000
-- characters; a comment of blanks is none.
create or replace function public.comment_record(p_id uuid, p_comment text) returns public.record_events
language plpgsql security invoker set search_path = '' as $$
declare
  target public.records;
  given_comment text;
begin
  select * into target from public.records where id = p_id;
  if target.id is null then
    perform private.raise_record_error('PT404', 'record_not_found', '记录不存在或无权访问 / No such record, or not yours to see');
  end if;
  given_comment := private.free_text(p_comment, 2000, '处理意见', 'comment');
  if given_comment is null then
    perform private.raise_record_error('PT400', 'comment_required', '请填写处理意见 / A comment is required',
      jsonb_build_object('code', 'comment_required'));
  end if;
  return private.append_record_event(target, 'comment', target.status, target.status, p_comment => given_comment);
end;
$$;
-- end routine

-- routine: supabase/routines/public/delete_record.sql
-- Soft delete for roles granted `delete`: the record leaves every list, its history stays.
-- The reason is required, at most 500 characters.
create or replace function public.delete_record(p_id uuid, p_row_version int, p_reason text) returns public.records
language plpgsql security invoker set search_path = '' as $$
declare
  target public.records := private.lock_record(p_id, p_row_version);
  reason text;
begin
  if not private.may_act_on('delete', target.service_id, target.org_unit_id) then
    perform private.raise_record_error('PT403', 'delete_forbidden', '您的角色不能删除此记录 / Your role cannot delete this record');
  end if;
  reason := private.free_text(p_reason, 500, '删除原因', 'reason for deleting');
  if reason is null then
    perform private.raise_record_error('PT400', 'reason_required', '请填写删除原因 / Give a reason for deleting');
  end if;
  target.deleted_at := now();
  target.deleted_by := (select auth.uid());
  target.row_version := target.row_version + 1;
  target.updated_at := target.deleted_at;
  target.updated_by := target.deleted_by;
  perform private.save_record(target);
  perform private.append_record_event(target, 'deleted', target.status, target.status, p_comment => reason);
  return target;
end;
$$;
-- end routine

-- routine: supabase/routines/public/assign_record.sql
-- Sets or clears who handles the record (lists filter on it), for roles granted `update`.
create or replace function public.assign_record(p_id uuid, p_row_version int, p_assignee uuid) returns public.records
language plpgsql security invoker set search_path = '' as $$
declare
  target public.records := private.lock_record(p_id, p_row_version);
  previous uuid := target.assignee;
begin
  if not private.may_act_on('update', target.service_id, target.org_unit_id) then
    perform private.raise_record_error('PT403', 'update_forbidden', '您的角色不能修改此记录 / Your role cannot edit this record');
  end if;
  if p_assignee is not null and not private.works_on_unit_branch(p_assignee, target.org_unit_id) then
    perform private.raise_record_error('PT400', 'assignee_out_of_scope',
      '只能指派给本单位及上下级单位的人员 / Assign only to people working on this unit''s branch');
  end if;
  if previous is not distinct from p_assignee then
    return target;
  end if;
  target.assignee := p_assignee;
  target.row_version := target.row_version + 1;
  target.updated_at := now();
  target.updated_by := (select auth.uid());
  perform private.save_record(target);
  perform private.append_record_event(target, 'updated', p_diff => jsonb_build_object('assignee', jsonb_build_array(previous, p_assignee)));
  return target;
end;
$$;
-- end routine

revoke execute on function public.update_record(uuid, int, jsonb), public.transition_record(uuid, int, text, text, jsonb, jsonb),
  public.comment_record(uuid, text), public.delete_record(uuid, int, text), public.assign_record(uuid, int, uuid) from public, anon;
grant execute on function public.update_record(uuid, int, jsonb), public.transition_record(uuid, int, text, text, jsonb, jsonb),
  public.comment_record(uuid, text), public.delete_record(uuid, int, text), public.assign_record(uuid, int, uuid) to authenticated, service_role;
