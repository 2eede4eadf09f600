-- Locks a service for a change by an administrator, refusing a stale row_version.
create or replace function private.lock_service_for_change(p_service_id uuid, p_expected_row_version int) returns public.services
language plpgsql security definer set search_path = '' as $$
-- security definer: called from the definer RPCs below; reads services without a write policy.
declare
  service public.services;
begin
  select * into service from public.services where id = p_service_id for update;
  if service.id is null then
    raise exception using errcode = 'PT404', message = 'service_not_found', hint = '服务不存在 / No such service';
  end if;
  if not private.can_administer_unit(service.owner_org_unit_id) then
    raise exception using errcode = 'PT403', message = 'service_forbidden',
      hint = '只有该单位或上级单位的管理员可以管理服务 / Only administrators of this unit or above manage its services';
  end if;
  if p_expected_row_version is distinct from service.row_version then
    raise exception using errcode = 'PT409', message = 'stale_service',
      detail = jsonb_build_object('row_version', service.row_version)::text,
      hint = '服务已被他人修改，请刷新后重试 / Someone else changed this service; reload and try again';
  end if;
  return service;
end;
$$;
