-- Archives a service (p_archived) or restores it. An archived service leaves every menu and takes
-- no new records (records_before_insert wants a published service); its records stay, readable
-- as before. Restoring brings back published (or draft, if it never was published).
create or replace function public.archive_service(p_service_id uuid, p_archived boolean, p_expected_row_version int) returns public.services
language plpgsql security definer set search_path = '' as $$
-- security definer: services has no write policies; lock_service_for_change checks the caller.
declare
  service public.services := private.lock_service_for_change(p_service_id, p_expected_row_version);
begin
  if p_archived is null then
    raise exception using errcode = 'PT400', message = 'archived_required', hint = '请说明归档还是恢复 / Say whether to archive or restore';
  end if;
  update public.services
     set status = case when p_archived then 'archived' when current_version is null then 'draft' else 'published' end,
         row_version = row_version + 1,
         updated_at = now(),
         updated_by = (select auth.uid())
   where id = p_service_id
  returning * into service;
  return service;
end;
$$;
