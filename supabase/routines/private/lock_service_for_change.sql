-- Locks a service for a change by an administrator, refusing a stale row_version. The refusal
-- names who saved last and when, so two admins on one draft see whose change they would have
-- overwritten (the designer shows it and offers to reload).
create or replace function private.lock_service_for_change(p_service_id uuid, p_expected_row_version int) returns public.services
language plpgsql security definer set search_path = '' as $$
-- security definer: called from the definer RPCs below; reads services without a write policy.
declare
  service public.services;
  editor text;
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
    select nullif(p.display_name, '') into editor from public.profiles p where p.id = service.updated_by;
    raise exception using errcode = 'PT409', message = 'stale_service',
      detail = jsonb_build_object('row_version', service.row_version, 'updated_by', service.updated_by,
                                  'updated_by_name', editor, 'updated_at', service.updated_at)::text,
      hint = format('%s 已于 %s 修改了此服务，请重新载入后再改 / %s changed this service at %s; reload and try again',
                    coalesce(editor, '其他管理员'), to_char(service.updated_at at time zone 'Asia/Shanghai', 'MM-DD HH24:MI'),
                    coalesce(editor, 'Another administrator'), to_char(service.updated_at at time zone 'Asia/Shanghai', 'MM-DD HH24:MI'));
  end if;
  return service;
end;
$$;
