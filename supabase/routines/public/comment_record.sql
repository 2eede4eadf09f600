-- Adds a comment to the history; anyone who reads the record within their scope may comment.
-- A participant who reads it only as a participant (it left their scope) may not: participants
-- read, never write. At most 2,000 characters; a comment of blanks is none.
create or replace function public.comment_record(p_id uuid, p_comment text) returns public.record_events
language plpgsql security invoker set search_path = '' as $$
declare
  target public.records;
  given_comment text;
begin
  select * into target from public.records where id = p_id;
  if target.id is null or not private.may_act_on('read', target.service_id, target.org_unit_id) then
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
