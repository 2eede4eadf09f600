-- Renames a unit, for administrators of its parent or above. `p_expected_name` is the name the
-- administrator saw: if someone renamed the unit meanwhile the rename is refused
-- (org_unit_changed PT409, naming the current name) instead of overwriting theirs. Records and
-- memberships name the unit by id, so they show the new name at once. Audited by the
-- org_units_audit trigger. Other errors: org_unit_not_found PT404, org_unit_forbidden PT403,
-- org_unit_level_not_editable PT403, org_unit_name_invalid PT400, org_unit_name_taken PT409.
create or replace function public.rename_org_unit(p_id uuid, p_name text, p_expected_name text default null)
returns public.org_units
language plpgsql security definer set search_path = '' as $$
-- security definer: org_units has no write policies; this function is the gate.
declare
  unit public.org_units;
  new_name text;
begin
  select * into unit from public.org_units where id = p_id for update;
  if unit.id is null then
    raise exception using errcode = 'PT404', message = 'org_unit_not_found', hint = '单位不存在 / No such unit';
  end if;
  perform private.check_org_unit_editable(unit.parent_id, unit.level);
  if p_expected_name is not null and unit.name <> p_expected_name then
    raise exception using errcode = 'PT409', message = 'org_unit_changed', detail = jsonb_build_object('name', unit.name)::text,
      hint = format('该单位已被他人改名为「%s」，请刷新后再试 / Someone renamed this unit to "%s" meanwhile; refresh and try again', unit.name, unit.name);
  end if;
  new_name := private.checked_org_unit_name(p_name, unit.parent_id, unit.id);
  if new_name = unit.name then
    return unit; -- nothing to change, nothing to audit
  end if;
  update public.org_units u set name = new_name, updated_at = now() where u.id = unit.id returning u.* into unit;
  return unit;
end;
$$;

revoke execute on function public.rename_org_unit(uuid, text, text) from public, anon;
grant execute on function public.rename_org_unit(uuid, text, text) to authenticated, service_role;
