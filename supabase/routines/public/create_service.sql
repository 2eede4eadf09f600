-- Creates a draft service owned by a unit the caller administers.
create or replace function public.create_service(p_definition jsonb, p_owner_org_unit_id uuid) returns public.services
language plpgsql security definer set search_path = '' as $$
-- security definer: services has no write policies; this function is the gate and checks
-- the caller's administrator membership itself.
declare
  created public.services;
  errors jsonb := '[]';
begin
  if not private.can_administer_unit(p_owner_org_unit_id) then
    raise exception using errcode = 'PT403', message = 'service_forbidden',
      hint = '只有该单位或上级单位的管理员可以管理服务 / Only administrators of this unit or above manage its services';
  end if;
  if jsonb_typeof(p_definition -> 'key') is distinct from 'string' or p_definition ->> 'key' !~ '^[a-z][a-z0-9_]{0,39}$' then
    errors := errors || private.definition_error('key', 'key_format');
  end if;
  if jsonb_typeof(p_definition -> 'name') is distinct from 'string' or private.is_empty_answer(p_definition -> 'name') then
    errors := errors || private.definition_error('name', 'required');
  end if;
  if jsonb_array_length(errors) > 0 then
    perform private.raise_definition_invalid(errors);
  end if;
  if exists (select 1 from public.services where key = p_definition ->> 'key') then
    raise exception using errcode = 'PT409', message = 'service_key_taken',
      hint = format('服务键名 "%s" 已被使用 / The service key "%s" is taken', p_definition ->> 'key', p_definition ->> 'key');
  end if;
  insert into public.services (key, name, category, icon, description, owner_org_unit_id, draft, created_by, updated_by)
  values (p_definition ->> 'key', p_definition ->> 'name', coalesce(p_definition ->> 'category', ''),
          coalesce(p_definition ->> 'icon', ''), coalesce(p_definition ->> 'description', ''),
          p_owner_org_unit_id, p_definition, (select auth.uid()), (select auth.uid()))
  returning * into created;
  return created;
end;
$$;
