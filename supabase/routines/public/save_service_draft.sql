-- The designer's save: keeps an unpublished copy, and the fields removed from it (restorable
-- until publish); records are untouched until publish. The whole draft is one row update, so a
-- save is complete or refused, never half-written; a stale row_version is a conflict.
create or replace function public.save_service_draft(p_service_id uuid, p_draft jsonb, p_expected_row_version int,
                                                     p_removed_fields jsonb default '[]') returns public.services
language plpgsql security definer set search_path = '' as $$
-- security definer: services has no write policies; lock_service_for_change checks the caller.
declare
  service public.services := private.lock_service_for_change(p_service_id, p_expected_row_version);
begin
  if jsonb_typeof(p_draft) is distinct from 'object' then
    perform private.raise_definition_invalid(jsonb_build_array(private.definition_error('', 'wrong_type', jsonb_build_object('expected', 'object', 'expected_zh', '对象'))));
  end if;
  if p_draft ->> 'key' is distinct from service.key then
    perform private.raise_definition_invalid(jsonb_build_array(private.definition_error('key', 'key_changed', jsonb_build_object('key', service.key))));
  end if;
  if jsonb_typeof(p_removed_fields) is distinct from 'array' then
    perform private.raise_definition_invalid(jsonb_build_array(private.definition_error('removed_fields', 'wrong_type', jsonb_build_object('expected', 'array', 'expected_zh', '数组'))));
  end if;
  if octet_length(p_draft::text) + octet_length(p_removed_fields::text) > 1048576 then
    raise exception using errcode = 'PT413', message = 'service_draft_too_large',
      hint = '服务定义过大（超过 1 MB） / The service definition is too large (over 1 MB)';
  end if;
  update public.services
     set draft = p_draft,
         draft_removed_fields = p_removed_fields,
         -- until the first publish, the list shows what the designer is working on
         name = case when current_version is null and not private.is_empty_answer(p_draft -> 'name') then p_draft ->> 'name' else name end,
         category = case when current_version is null then coalesce(p_draft ->> 'category', category) else category end,
         icon = case when current_version is null then coalesce(p_draft ->> 'icon', icon) else icon end,
         description = case when current_version is null then coalesce(p_draft ->> 'description', description) else description end,
         row_version = row_version + 1,
         updated_at = now(),
         updated_by = (select auth.uid())
   where id = p_service_id
  returning * into service;
  return service;
end;
$$;
