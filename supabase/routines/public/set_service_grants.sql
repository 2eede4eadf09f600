-- Applies a set of grant changes to a published service at once, all or nothing: the designer's
-- 权限 page collects its ticks and saves them here after the administrator has read the summary.
-- p_changes = [{role_key, action, granted}]. For administrators of the service's owning unit or
-- above. Every insert and delete is audited by the service_role_grants_audit trigger, like
-- set_service_grant's. Returns the service's grants after the change. Errors (message = code):
-- service_not_found PT404, service_forbidden PT403, service_not_published PT409,
-- grant_changes_invalid / action_invalid / role_not_found PT400, and
-- permission_needs_read PT400 when a role touched by the change set would be left holding an
-- action that needs read (private.actions_needing_read) without read; then nothing changes.
create or replace function public.set_service_grants(p_service_id uuid, p_changes jsonb)
returns setof public.service_role_grants
language plpgsql security definer set search_path = '' as $$
-- security definer: service_role_grants has no write policies; this function is the gate and
-- checks the caller's administrator membership itself.
declare
  service public.services;
  change jsonb;
  bad record;
begin
  -- for update: two administrators saving at once apply one after the other, and the
  -- dependency check below sees the other's committed grants
  select * into service from public.services where id = p_service_id for update;
  if service.id is null then
    raise exception using errcode = 'PT404', message = 'service_not_found', hint = '服务不存在 / No such service';
  end if;
  if not private.can_administer_unit(service.owner_org_unit_id) then
    raise exception using errcode = 'PT403', message = 'service_forbidden',
      hint = '只有该单位或上级单位的管理员可以管理服务 / Only administrators of this unit or above manage its services';
  end if;
  if service.current_version is null then
    raise exception using errcode = 'PT409', message = 'service_not_published',
      hint = '服务发布后才能调整角色权限，发布前请在定义中设置 / Grants are edited once the service is published; before that, set them in the definition';
  end if;
  if jsonb_typeof(p_changes) is distinct from 'array' or jsonb_array_length(p_changes) > 200 then
    raise exception using errcode = 'PT400', message = 'grant_changes_invalid',
      hint = '权限变更应为 [{role_key, action, granted}] 列表（最多 200 项）/ Changes are a list of {role_key, action, granted} (at most 200)';
  end if;
  for change in select c from jsonb_array_elements(p_changes) c loop
    if jsonb_typeof(change) is distinct from 'object' or jsonb_typeof(change -> 'granted') is distinct from 'boolean'
       or jsonb_typeof(change -> 'role_key') is distinct from 'string' or jsonb_typeof(change -> 'action') is distinct from 'string' then
      raise exception using errcode = 'PT400', message = 'grant_changes_invalid', detail = change::text,
        hint = '权限变更应为 [{role_key, action, granted}] 列表（最多 200 项）/ Changes are a list of {role_key, action, granted} (at most 200)';
    end if;
    if change ->> 'action' not in ('read', 'create', 'update', 'delete', 'export', 'view_sensitive') then
      raise exception using errcode = 'PT400', message = 'action_invalid',
        detail = jsonb_build_object('action', change ->> 'action')::text,
        hint = '权限应为 read、create、update、delete、export 或 view_sensitive / The action must be read, create, update, delete, export or view_sensitive';
    end if;
    if not exists (select 1 from public.roles r where r.key = change ->> 'role_key') then
      raise exception using errcode = 'PT400', message = 'role_not_found',
        detail = jsonb_build_object('role_key', change ->> 'role_key')::text, hint = '角色不存在 / No such role';
    end if;
    if (change ->> 'granted')::boolean then
      insert into public.service_role_grants (service_id, role_key, action) values (p_service_id, change ->> 'role_key', change ->> 'action')
      on conflict do nothing;
    else
      delete from public.service_role_grants g
       where g.service_id = p_service_id and g.role_key = change ->> 'role_key' and g.action = change ->> 'action';
    end if;
  end loop;
  -- Only the roles this change set touches: a legacy gap elsewhere (set_service_grant edits one
  -- cell at a time) must not block an unrelated save. Raising undoes every change above,
  -- audit entries included.
  select g.role_key, g.action, r.name, r.name_en into bad
    from public.service_role_grants g
    join public.roles r on r.key = g.role_key
   where g.service_id = p_service_id
     and g.action = any (private.actions_needing_read())
     and g.role_key in (select c ->> 'role_key' from jsonb_array_elements(p_changes) c)
     and not exists (select 1 from public.service_role_grants x
                      where x.service_id = p_service_id and x.role_key = g.role_key and x.action = 'read')
   order by r.sort_order, g.role_key, array_position(array['create', 'update', 'delete', 'export', 'view_sensitive'], g.action)
   limit 1;
  if bad.role_key is not null then
    raise exception using errcode = 'PT400', message = 'permission_needs_read',
      detail = jsonb_build_object('role_key', bad.role_key, 'action', bad.action)::text,
      hint = format('「%s」有「%s」权限却没有「查看」：%s需要先能查看记录，请同时授予查看或一并取消 / %s holds %s without read: %s needs read; grant read too or remove it',
                    bad.name, private.action_label_zh(bad.action), private.action_label_zh(bad.action),
                    bad.name_en, bad.action, bad.action);
  end if;
  return query select * from public.service_role_grants g where g.service_id = p_service_id order by g.role_key, g.action;
end;
$$;

revoke execute on function public.set_service_grants(uuid, jsonb) from public, anon;
grant execute on function public.set_service_grants(uuid, jsonb) to authenticated, service_role;
