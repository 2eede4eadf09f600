-- Free text sent to the record RPCs is bounded and blank text is no text (issue #7, item 6).
-- Before this, an 8 MB comment went into the undeletable history, and a comment of zero-width
-- spaces passed a required-comment check because it is not whitespace to btrim or to
-- JavaScript's trim().
--
-- Limits (characters, counted after trimming, like the form counts them): comments 2,000;
-- reasons 500 (delete reasons here, unmask reasons in 20261130050300). Text made only of
-- whitespace and invisible characters (zero-width space/joiners, BOM, word joiner, soft hyphen,
-- bidi marks, variation selectors, Hangul fillers …) counts as blank. Refusals are PT400 with
-- a stable message the SPA maps and a bilingual hint, never a 500.
--
-- The record RPCs are re-created from their live bodies (transition_record:
-- 20261126040100_mask_sensitive_values_in_record_actions.sql; comment_record, delete_record:
-- 20261126010300_create_record_actions.sql); only the comment and reason handling changed.
-- The columns get check constraints as well, so no later writer can bypass the limits.

-- Whitespace (JavaScript trim()'s set plus U+0085) and characters that print nothing.
create function private.invisible_class() returns text
language sql immutable
return '[\u0009-\u000d\u0020\u0085\u00a0\u00ad\u034f\u061c\u115f\u1160\u1680\u17b4\u17b5\u180b-\u180f\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb]';

-- The text without leading and trailing whitespace and invisible characters; null stays null.
-- (A literal pattern, not invisible_class(), so the regular expression is compiled once.)
create function private.tidy_text(p_text text) returns text
language sql immutable
return regexp_replace(p_text,
  '^[\u0009-\u000d\u0020\u0085\u00a0\u00ad\u034f\u061c\u115f\u1160\u1680\u17b4\u17b5\u180b-\u180f\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb]+|[\u0009-\u000d\u0020\u0085\u00a0\u00ad\u034f\u061c\u115f\u1160\u1680\u17b4\u17b5\u180b-\u180f\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb]+$',
  '', 'g');

create function private.is_blank_text(p_text text) returns boolean
language sql immutable
return coalesce(private.tidy_text(p_text), '') = '';

drop function private.invisible_class();

-- Free text for an RPC: trimmed, null when blank, refused when longer than p_max characters.
-- Very long input is refused before any regular expression looks at it: the trim can shorten
-- a text only by its leading and trailing blanks, and a comment padded past four times the
-- limit is no comment anyone wrote.
create function private.free_text(p_text text, p_max int, p_label_zh text, p_label_en text) returns text
language plpgsql immutable set search_path = '' as $$
declare
  tidy text;
begin
  if char_length(p_text) > 4 * p_max then
    tidy := p_text;
  else
    tidy := nullif(private.tidy_text(p_text), '');
  end if;
  if char_length(tidy) > p_max then
    perform private.raise_record_error('PT400', 'text_too_long',
      format('%s过长：最多 %s 个字，现为 %s 个字 / The %s is too long: at most %s characters, this has %s',
             p_label_zh, p_max, char_length(tidy), p_label_en, p_max, char_length(tidy)),
      jsonb_build_object('code', 'text_too_long', 'maximum', p_max, 'length', char_length(tidy)));
  end if;
  return tidy;
end;
$$;

-- not valid: history already written stays as it is (it is append-only); new entries are checked.
alter table public.record_events
  add constraint record_events_comment_length check (char_length(comment) <= 2000) not valid,
  add constraint record_events_comment_not_blank check (comment is null or not private.is_blank_text(comment)) not valid;

-- Takes a workflow transition (live body of 20261126040100), with the comment trimmed, blank
-- meaning none, and at most 2,000 characters.
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

revoke execute on function private.tidy_text(text), private.is_blank_text(text), private.free_text(text, int, text, text) from public, anon;
grant execute on function private.tidy_text(text), private.is_blank_text(text), private.free_text(text, int, text, text) to authenticated, service_role;
