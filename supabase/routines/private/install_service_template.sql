-- Installs or updates a built-in template (seed files, generated from resources/services):
-- creates the service on first install and publishes a new version only when it changed.
create or replace function private.install_service_template(p_definition jsonb, p_owner_org_unit_id uuid) returns uuid
language plpgsql security definer set search_path = '' as $$
-- security definer: runs from seed files without a signed-in user.
declare
  errors jsonb := private.check_service_definition(p_definition);
  service public.services;
begin
  if jsonb_array_length(errors) > 0 then
    perform private.raise_definition_invalid(errors);
  end if;
  select * into service from public.services where key = p_definition ->> 'key';
  if service.id is null then
    insert into public.services (key, name, owner_org_unit_id)
    values (p_definition ->> 'key', p_definition ->> 'name', p_owner_org_unit_id)
    returning * into service;
  end if;
  if not exists (select 1 from public.service_versions
                  where service_id = service.id and version = service.current_version and definition = p_definition) then
    perform private.publish_definition(service.id, p_definition, null);
  end if;
  return service.id;
end;
$$;
