-- The designer's save: keeps an unpublished copy; records are untouched until publish.
create or replace function public.save_service_draft(p_service_id uuid, p_draft jsonb, p_expected_row_version int) returns public.services
language plpgsql security definer set search_path = '' as $$
-- security definer: services has no write policies; lock_service_for_change checks the caller.
declare
  service public.services := private.lock_service_for_change(p_service_id, p_expected_row_version);
begin
  if p_draft ->> 'key' is distinct from service.key then
    perform private.raise_definition_invalid(jsonb_build_array(private.definition_error('key', 'key_changed', jsonb_build_object('key', service.key))));
  end if;
  update public.services
     set draft = p_draft,
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
