-- BEFORE INSERT: the service must be published and own the unit; the system columns come
-- from the current version, not from the client. A definition whose org_unit field has
-- `recordUnit: true` names the record's unit there (asked once in the form): its answer, when it
-- is one, becomes org_unit_id, before the service-scope check here and RLS's insert check.
create or replace function private.records_before_insert() returns trigger
language plpgsql set search_path = '' as $$
declare
  target record;
  unit_served boolean;
begin
  select s.status, s.current_version, s.owner_org_unit_id, v.initial_status, v.initial_sla_hours,
         private.record_unit_field(v.definition) as unit_field,
         coalesce((select a.value = 'true'::jsonb from public.app_settings a where a.key = 'demo_mode'), false) as demo
    into target
    from public.services s
    left join public.service_versions v on v.service_id = s.id and v.version = s.current_version
   where s.id = new.service_id;
  if target.unit_field is not null
     and new.data ->> target.unit_field ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
    new.org_unit_id := (new.data ->> target.unit_field)::uuid;
  end if;
  -- once the unit is settled: is it within the units the service serves?
  unit_served := exists (select 1 from public.org_units unit join public.org_units owner on owner.id = target.owner_org_unit_id
                          where unit.id = new.org_unit_id and (unit.path = owner.path or unit.path like owner.path || '.%'));
  if target.status is distinct from 'published' then
    raise exception using errcode = 'PT400', message = 'service_not_published',
      hint = '该服务未发布，不能新建记录 / This service is not published; records cannot be created';
  end if;
  if not unit_served then
    raise exception using errcode = 'PT400', message = 'unit_outside_service',
      hint = '记录所属单位不在该服务的适用范围内 / The record''s unit is outside the units this service serves';
  end if;
  if private.record_write_mode() = 'import' then
    new.service_version := coalesce(new.service_version, target.current_version);
    return new;
  end if;
  if new.assignee is not null and not private.works_on_unit_branch(new.assignee, new.org_unit_id) then
    raise exception using errcode = 'PT400', message = 'assignee_out_of_scope',
      hint = '只能指派给本单位及上下级单位的人员 / Assign only to people working on this unit''s branch';
  end if;
  new.service_version := target.current_version;
  new.status := target.initial_status;
  new.due_at := now() + target.initial_sla_hours * interval '1 hour';
  new.row_version := 1;
  new.created_at := now();
  new.created_by := (select auth.uid());
  new.updated_at := new.created_at;
  new.updated_by := new.created_by;
  new.deleted_at := null;
  new.deleted_by := null;
  -- a demo installation's records are demo data, whoever types them
  new.is_synthetic := target.demo;
  return new;
end;
$$;
