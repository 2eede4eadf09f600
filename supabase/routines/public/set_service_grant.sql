-- Grants or revokes one action of one role on a service (read comes with the actions that need
-- it and goes with them), for community and system
-- administrators at the service's owning unit or above, once the service is published.
-- Returns the service's grants after the change. Errors (message = stable code):
-- service_not_found PT404, service_forbidden PT403, service_not_published PT409,
-- action_invalid PT400, role_not_found PT400.
create or replace function public.set_service_grant(p_service_id uuid, p_role_key text, p_action text, p_granted boolean)
returns setof public.service_role_grants
language plpgsql security definer set search_path = '' as $$
-- security definer: service_role_grants has no write policies; this function is the gate and
-- checks the caller's administrator membership itself.
declare
  service public.services;
begin
  select * into service from public.services where id = p_service_id;
  if service.id is null then
    raise exception using errcode = 'PT404', message = 'service_not_found', hint = '服务不存在 / No such service';
  end if;
  if not private.can_administer_unit(service.owner_org_unit_id) then
    raise exception using errcode = 'PT403', message = 'service_forbidden',
      hint = '只有该单位或上级单位的管理员可以管理服务 / Only administrators of this unit or above manage its services';
  end if;
  if service.current_version is null then
    -- the first publish seeds the grants from the definition; until then they are the draft's
    raise exception using errcode = 'PT409', message = 'service_not_published',
      hint = '服务发布后才能调整角色权限，发布前请在定义中设置 / Grants are edited once the service is published; before that, set them in the definition';
  end if;
  if p_granted is null or p_action is null
     or p_action not in ('read', 'create', 'update', 'delete', 'export', 'view_sensitive') then
    raise exception using errcode = 'PT400', message = 'action_invalid',
      detail = jsonb_build_object('action', p_action)::text,
      hint = '权限应为 read、create、update、delete、export 或 view_sensitive / The action must be read, create, update, delete, export or view_sensitive';
  end if;
  if not exists (select 1 from public.roles r where r.key = p_role_key) then
    raise exception using errcode = 'PT400', message = 'role_not_found',
      detail = jsonb_build_object('role_key', p_role_key)::text, hint = '角色不存在 / No such role';
  end if;
  -- A role never holds an action that needs read without read (private.actions_needing_read):
  -- granting one grants read with it, revoking read revokes them with it, as the matrix shows.
  if p_granted then
    insert into public.service_role_grants (service_id, role_key, action)
    select p_service_id, p_role_key, a
      from unnest(case when p_action = any (private.actions_needing_read()) then array[p_action, 'read'] else array[p_action] end) a
    on conflict do nothing;
  else
    delete from public.service_role_grants g
     where g.service_id = p_service_id and g.role_key = p_role_key
       and (g.action = p_action or (p_action = 'read' and g.action = any (private.actions_needing_read())));
  end if;
  return query select * from public.service_role_grants g where g.service_id = p_service_id order by g.role_key, g.action;
end;
$$;

revoke execute on function public.set_service_grant(uuid, text, text, boolean) from public, anon;
grant execute on function public.set_service_grant(uuid, text, text, boolean) to authenticated, service_role;
