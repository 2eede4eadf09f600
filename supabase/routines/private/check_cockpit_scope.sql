-- The cockpit's door: the unit must exist and lie in the caller's own units or below (any active
-- membership). A leader asking for a unit outside their subtree is refused, not shown zeros.
-- Errors: cockpit_unit_not_found PT404, cockpit_unit_out_of_scope PT403, cockpit_period_invalid PT400.
create or replace function private.check_cockpit_scope(p_unit_id uuid, p_from date, p_to date) returns void
language plpgsql stable security definer set search_path = '' as $$
declare
  unit_path text;
begin
  select u.path into unit_path from public.org_units u where u.id = p_unit_id;
  if unit_path is null then
    raise exception using errcode = 'PT404', message = 'cockpit_unit_not_found', hint = '单位不存在 / No such unit';
  end if;
  if not private.in_my_scope(unit_path) then
    raise exception using errcode = 'PT403', message = 'cockpit_unit_out_of_scope',
      hint = '该单位不在您的管辖范围内 / This unit is outside your scope';
  end if;
  if p_from is not null and p_to is not null and p_from > p_to then
    raise exception using errcode = 'PT400', message = 'cockpit_period_invalid',
      hint = '开始日期不能晚于结束日期 / The start date must not be after the end date';
  end if;
end;
$$;

revoke execute on function private.check_cockpit_scope(uuid, date, date) from public, anon;
grant execute on function private.check_cockpit_scope(uuid, date, date) to authenticated, service_role;
