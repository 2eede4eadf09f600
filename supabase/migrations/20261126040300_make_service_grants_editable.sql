-- Role grants as data (DESIGN §5: "role grants per service and action are data, edited in the
-- designer"). From a service's first publish on, service_role_grants is the truth: the first
-- version's `permissions` seed it, and administrators of the owning unit or above change it with
-- public.set_service_grant. Every scope helper reads the grants inside each query, so a change
-- takes effect on the affected users' very next request.
--
-- Later publishes never undo an edit: they apply only what the definition's `permissions`
-- changed since the previous version (an action added to a role is granted, an action removed
-- is revoked; a role new to the definition gets its defaults). Entries the definition did not
-- change keep whatever the administrators made of them.
--
-- Custom roles: public.roles makes keys like custom_3f9a0c12de (digits), so grants and
-- definitions accept ^[a-z][a-z0-9_]*$, as src/services/roles.ts does.
--
-- Audit: grants, services and published versions now write private.audit_config_change
-- entries, scoped to the service's owning unit.

alter table public.service_role_grants drop constraint service_role_grants_role_key_check;
alter table public.service_role_grants add constraint service_role_grants_role_key_check check (role_key ~ '^[a-z][a-z0-9_]*$');
comment on table public.service_role_grants is 'Role grants per service and action: seeded from the first published definition''s permissions, then edited with set_service_grant; later publishes apply only the permissions the definition changed.';

-- routine: supabase/routines/private/definition_grants.sql
-- The (role, action) pairs a definition's permissions name.
create or replace function private.definition_grants(p_definition jsonb) returns table (role_key text, action text)
language sql immutable set search_path = '' as $$
  select distinct p.key, a.action
    from jsonb_each(coalesce(p_definition -> 'permissions', '{}')) p
   cross join lateral jsonb_array_elements_text(p.value) a(action)
$$;
-- end routine

-- (Folded on 2026-11-30: the body of private.publish_definition lives in supabase/routines/private/publish_definition.sql,
-- created in 20261126010100_create_services.sql.)

-- routine: supabase/routines/public/set_service_grant.sql
-- Grants or revokes one action of one role on a service, for community and system
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
  if p_granted then
    insert into public.service_role_grants (service_id, role_key, action) values (p_service_id, p_role_key, p_action)
    on conflict do nothing;
  else
    delete from public.service_role_grants g where g.service_id = p_service_id and g.role_key = p_role_key and g.action = p_action;
  end if;
  return query select * from public.service_role_grants g where g.service_id = p_service_id order by g.role_key, g.action;
end;
$$;

revoke execute on function public.set_service_grant(uuid, text, text, boolean) from public, anon;
grant execute on function public.set_service_grant(uuid, text, text, boolean) to authenticated, service_role;
-- end routine

-- (Folded on 2026-11-30: the body of private.audit_config_change lives in supabase/routines/private/audit_config_change.sql,
-- created in 20261126020200_create_audit_log.sql.)

create trigger service_role_grants_audit
after insert or update or delete on public.service_role_grants
for each row execute function private.audit_config_change('service_id,role_key,action', 'service_id', 'via_service');

create trigger services_audit
after insert or update or delete on public.services
for each row execute function private.audit_config_change('id', 'owner_org_unit_id');

create trigger service_versions_audit
after insert on public.service_versions
for each row execute function private.audit_config_change('service_id,version', 'service_id', 'via_service');

-- Role keys in definitions: the structural check and its message, as before with the
-- custom-role pattern (only the two role-key tests and the role_key_format texts changed).

-- (Folded on 2026-11-30: the body of private.definition_error lives in supabase/routines/private/definition_error.sql,
-- created in 20261126010100_create_services.sql.)

-- (Folded on 2026-11-30: the body of private.check_service_definition lives in supabase/routines/private/check_service_definition.sql,
-- created in 20261126010100_create_services.sql.)
