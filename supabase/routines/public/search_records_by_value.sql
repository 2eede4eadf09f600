-- Finds a service's records by a full ID number or phone (item 7 of issue 9) through the blind
-- index, for a caller holding view_sensitive on the service; returns {"record_ids": [...]} of
-- the records they may read and unmask. Every search is logged like an unmask
-- (sensitive_access_log, kind 'search', with the reason); partial search on the masked text
-- stays the list's keyword filter, open to every reader.
-- Refusals are logged and returned with their HTTP status, as unmask_record_field does:
--   search_forbidden 403 (no view_sensitive on this service), value_not_searchable 400 (not a
--   full ID number or phone), reason_required 400, text_too_long 400.
-- security invoker: the records returned are read under the caller's RLS as well.
create or replace function public.search_records_by_value(p_service_id uuid, p_value text, p_reason text default null) returns jsonb
language plpgsql security invoker set search_path = '' as $$
declare
  reason text := case when char_length(p_reason) > 2000 then p_reason else coalesce(private.tidy_text(p_reason), '') end;
  wanted bytea := private.blind_index(p_value);
  status int;
  refusal text;
  hint text;
  matches jsonb;
begin
  if not exists (select 1 from private.my_record_scope('view_sensitive') s where s.service_id = p_service_id) then
    status := 403; refusal := 'search_forbidden';
    hint := '您的角色不能按完整证件号或电话查找此服务的记录 / Your role may not search this service by a full ID number or phone';
  elsif wanted is null then
    status := 400; refusal := 'value_not_searchable';
    hint := '请输入完整的 18 位身份证号或完整的电话号码 / Enter a full 18-character ID number or a full phone number';
  elsif char_length(reason) > 500 then
    status := 400; refusal := 'text_too_long';
    hint := format('查找原因过长：最多 500 个字，现为 %s 个字 / The reason for searching is too long: at most 500 characters, this has %s',
                   char_length(reason), char_length(reason));
  elsif char_length(reason) < 4 then
    status := 400; refusal := 'reason_required';
    hint := '请填写查找原因（至少 4 个字） / Give a reason for searching (at least 4 characters)';
  end if;
  if refusal is not null then
    perform private.log_sensitive_search(p_service_id, null, left(reason, 500), refusal);
    perform set_config('response.status', status::text, true);
    return jsonb_build_object('code', 'PT' || status, 'message', refusal, 'hint', hint, 'details', null);
  end if;

  select coalesce(jsonb_agg(jsonb_build_object('record_id', m.record_id, 'field_key', m.field_key)), '[]')
    into matches
    from private.records_matching_value(p_service_id, wanted) m
   where exists (select 1 from public.records r where r.id = m.record_id);
  perform private.log_sensitive_search(p_service_id, matches, reason, null);
  return jsonb_build_object('record_ids', coalesce((select jsonb_agg(m -> 'record_id') from jsonb_array_elements(matches) m), '[]'));
end;
$$;

revoke execute on function public.search_records_by_value(uuid, text, text) from public, anon;
grant execute on function public.search_records_by_value(uuid, text, text) to authenticated, service_role;
