-- The raw value of one sensitive item of a registered person — id_number, phone or birth_date —
-- with a reason of 4 to 500 characters (trimmed; whitespace and invisible characters alone are
-- no reason), logged in sensitive_access_log (kind 'unmask', resident_id) before it is returned.
-- Who may: a reader of the person (their RLS) whose role holds view_sensitive on at least one
-- service at the person's grid or above (my_scope_units('view_sensitive')): the registry serves
-- every service, so "may see this service's sensitive answers somewhere over this grid" is what
-- lets a person see the registry's. Participants who only read the person may not.
-- Refusals are logged and returned with their HTTP status, as unmask_record_field does (a raise
-- would roll the log row back):
--   resident_not_found 404, unmask_forbidden 403, field_not_sensitive 400, text_too_long 400,
--   reason_required 400.
-- security invoker: reading the person under the caller's RLS is the first check.
create or replace function public.unmask_resident_field(p_resident_id uuid, p_field text, p_reason text) returns jsonb
language plpgsql security invoker set search_path = '' as $$
declare
  target public.residents;
  reason text := case when char_length(p_reason) > 2000 then p_reason else coalesce(private.tidy_text(p_reason), '') end;
  status int;
  refusal text;
  hint text;
  detail jsonb;
begin
  select * into target from public.residents where id = p_resident_id;
  if target.id is null then
    status := 404; refusal := 'resident_not_found';
    hint := '居民不存在或无权访问 / No such resident, or not yours to see';
  elsif not (target.grid_org_unit_id = any (private.my_scope_units('view_sensitive'))) then
    status := 403; refusal := 'unmask_forbidden';
    hint := '您的角色不能查看居民的敏感信息 / Your role may not view residents'' sensitive information';
  elsif p_field is null or p_field not in ('id_number', 'phone', 'birth_date') then
    status := 400; refusal := 'field_not_sensitive';
    hint := '只能查看身份证号、电话或出生日期 / Only the ID number, phone or birth date can be unmasked';
    detail := jsonb_build_object('field', p_field);
  elsif char_length(reason) > 500 then
    status := 400; refusal := 'text_too_long';
    hint := format('查看原因过长：最多 500 个字，现为 %s 个字 / The reason for viewing is too long: at most 500 characters, this has %s',
                   char_length(reason), char_length(reason));
    detail := jsonb_build_object('code', 'text_too_long', 'maximum', 500, 'length', char_length(reason));
  elsif char_length(reason) < 4 then
    status := 400; refusal := 'reason_required';
    hint := '请填写查看原因（至少 4 个字） / Give a reason for viewing (at least 4 characters)';
  end if;

  if refusal is null then
    return private.log_and_read_resident_value(target.id, p_field, reason);
  end if;
  perform private.log_resident_access('unmask', p_resident_id, p_field, left(reason, 500), refusal);
  perform set_config('response.status', status::text, true);
  return jsonb_build_object('code', 'PT' || status, 'message', refusal, 'hint', hint, 'details', detail::text);
end;
$$;

revoke execute on function public.unmask_resident_field(uuid, text, text) from public, anon;
grant execute on function public.unmask_resident_field(uuid, text, text) to authenticated, service_role;
