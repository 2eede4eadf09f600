-- Finds registered people by a full ID number (18 characters, or the old 15 digits; spaces and a
-- lower-case x tolerated) or a full phone number through the blind index, for a caller holding
-- view_sensitive over the person's grid (as unmask_resident_field); returns
-- {"resident_ids": [...]} of those they may read and unmask. Every search is logged
-- (sensitive_access_log, kind 'search': one row per person found, filed under their grid, or one
-- row for none), never with the value searched for. Partial search on the masks stays a plain
-- filter on residents, open to every reader.
-- Refusals are logged and returned with their HTTP status (see unmask_resident_field):
--   search_forbidden 403 (view_sensitive nowhere), value_not_searchable 400, reason_required 400,
--   text_too_long 400.
-- security invoker: the people returned are read under the caller's RLS as well.
create or replace function public.search_residents_by_value(p_value text, p_reason text default null) returns jsonb
language plpgsql security invoker set search_path = '' as $$
declare
  reason text := case when char_length(p_reason) > 2000 then p_reason else coalesce(private.tidy_text(p_reason), '') end;
  sensitive_units uuid[] := private.my_scope_units('view_sensitive');
  wanted bytea := private.blind_index(coalesce(private.normalized_id_number(p_value), p_value));
  status int;
  refusal text;
  hint text;
  found record;
  ids jsonb := '[]';
begin
  if cardinality(sensitive_units) = 0 then
    status := 403; refusal := 'search_forbidden';
    hint := '您的角色不能按完整证件号或电话查找居民 / Your role may not search residents by a full ID number or phone';
  elsif wanted is null then
    status := 400; refusal := 'value_not_searchable';
    hint := '请输入完整的身份证号或完整的电话号码 / Enter a full ID number or a full phone number';
  elsif char_length(reason) > 500 then
    status := 400; refusal := 'text_too_long';
    hint := format('查找原因过长：最多 500 个字，现为 %s 个字 / The reason for searching is too long: at most 500 characters, this has %s',
                   char_length(reason), char_length(reason));
  elsif char_length(reason) < 4 then
    status := 400; refusal := 'reason_required';
    hint := '请填写查找原因（至少 4 个字） / Give a reason for searching (at least 4 characters)';
  end if;
  if refusal is not null then
    perform private.log_resident_access('search', null, '', left(reason, 500), refusal, 0);
    perform set_config('response.status', status::text, true);
    return jsonb_build_object('code', 'PT' || status, 'message', refusal, 'hint', hint, 'details', null);
  end if;

  for found in
    select m.resident_id, m.field
      from private.residents_matching_value(wanted) m
     where exists (select 1 from public.residents r where r.id = m.resident_id and r.grid_org_unit_id = any (sensitive_units))
  loop
    perform private.log_resident_access('search', found.resident_id, found.field, reason, null);
    if not ids @> to_jsonb(array[found.resident_id]) then
      ids := ids || to_jsonb(found.resident_id);
    end if;
  end loop;
  if ids = '[]'::jsonb then
    perform private.log_resident_access('search', null, '', reason, null, 0);
  end if;
  return jsonb_build_object('resident_ids', ids);
end;
$$;

revoke execute on function public.search_residents_by_value(text, text) from public, anon;
grant execute on function public.search_residents_by_value(text, text) to authenticated, service_role;
