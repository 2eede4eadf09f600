-- The unit an escalating transition moves a record to (src/services/escalation.ts resolves the
-- same way for the dialog): `true` or {"to": "parent"} the parent; {"to": "level", "level"} the
-- nearest ancestor of that level (a grid's record goes straight to its street); {"to": "origin"}
-- back to the unit it was filed at (its `created` event's unit: 现场核查 by the grid worker); {"to":
-- "choose", "levels", "units"} the unit the caller picked, which must be an ancestor of one of
-- those levels or one of the units named by code (吹哨报到). Null when the transition does not
-- escalate; a chosen unit given to any other transition is refused rather than ignored.
create or replace function private.escalation_target(escalate jsonb, record public.records, chosen uuid) returns uuid
language plpgsql stable set search_path = '' as $$
declare
  route text := case when escalate = 'true'::jsonb then 'parent' when jsonb_typeof(escalate) = 'object' then escalate ->> 'to' end;
  unit public.org_units;
  target uuid;
begin
  if route is distinct from 'choose' and chosen is not null then
    perform private.raise_record_error('PT400', 'escalation_target_not_allowed',
      '此操作不能选择上报单位 / This action does not take a chosen unit', jsonb_build_object('code', 'escalation_target_not_allowed'));
  end if;
  if route is null then
    return null;
  end if;
  select * into unit from public.org_units u where u.id = record.org_unit_id;
  if route = 'parent' then
    target := unit.parent_id;
  elsif route = 'origin' then
    select coalesce((select e.org_unit_id from public.record_events e where e.record_id = record.id and e.kind = 'created' order by e.id limit 1),
                    record.org_unit_id)
      into target;
  elsif route = 'level' then
    select a.id into target from public.org_units a
     where a.id <> unit.id and a.id::text = any (string_to_array(unit.path, '.')) and a.level = escalate ->> 'level'
     order by a.depth desc limit 1;
  else
    if chosen is null then
      perform private.raise_record_error('PT400', 'escalation_target_required', '请选择上报到的单位 / Choose the unit to send it to',
        jsonb_build_object('code', 'escalation_target_required'));
    end if;
    select a.id into target from public.org_units a
     where a.id = chosen and a.id <> unit.id
       and ((a.id::text = any (string_to_array(unit.path, '.')) and coalesce(escalate -> 'levels', '[]') ? a.level)
            or coalesce(escalate -> 'units', '[]') ? a.code);
    if target is null then
      perform private.raise_record_error('PT400', 'escalation_target_not_allowed',
        '不能上报到所选单位 / This action cannot send the record to the chosen unit',
        jsonb_build_object('code', 'escalation_target_not_allowed', 'unit', chosen));
    end if;
  end if;
  if target is null then
    perform private.raise_record_error('PT400', 'no_parent_unit', '找不到可上报的上级单位 / There is no unit above to send the record to',
      jsonb_build_object('code', 'escalation_target_missing'));
  end if;
  return target;
end;
$$;

revoke execute on function private.escalation_target(jsonb, public.records, uuid) from public, anon;
grant execute on function private.escalation_target(jsonb, public.records, uuid) to authenticated, service_role;
