-- Publishes a definition (or, when p_definition is null, the saved draft) as the next version.
-- Existing records keep the version they were created under. A published field keeps its type
-- (frozen_field_type_errors); an archived service is restored before it is published again.
create or replace function public.publish_service(p_service_id uuid, p_definition jsonb, p_expected_row_version int) returns public.services
language plpgsql security definer set search_path = '' as $$
-- security definer: services and service_versions have no write policies; this function is
-- the gate and checks the caller's administrator membership through lock_service_for_change.
declare
  service public.services := private.lock_service_for_change(p_service_id, p_expected_row_version);
  definition jsonb := coalesce(p_definition, service.draft);
  errors jsonb;
begin
  if service.status = 'archived' then
    raise exception using errcode = 'PT409', message = 'service_archived',
      hint = '服务已归档，请先恢复再发布 / The service is archived; restore it before publishing';
  end if;
  if definition is null then
    raise exception using errcode = 'PT400', message = 'service_no_draft',
      hint = '没有待发布的草稿 / There is no draft to publish';
  end if;
  errors := private.check_service_definition(definition);
  if jsonb_typeof(definition) = 'object' and definition ->> 'key' is distinct from service.key
     and not exists (select 1 from jsonb_array_elements(errors) e where e ->> 'path' = 'key') then
    errors := errors || private.definition_error('key', 'key_changed', jsonb_build_object('key', service.key));
  end if;
  if jsonb_typeof(definition) = 'object' then
    errors := errors || private.frozen_field_type_errors(p_service_id, definition);
  end if;
  if jsonb_array_length(errors) > 0 then
    perform private.raise_definition_invalid(errors);
  end if;
  perform private.publish_definition(p_service_id, definition, (select auth.uid()));
  select * into service from public.services where id = p_service_id;
  return service;
end;
$$;
