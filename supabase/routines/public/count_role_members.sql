-- How many people hold each role at a unit or anywhere below it (distinct users with an active
-- membership), for administrators of that unit or above. The designer's 权限 page names the
-- people a change affects ("3 人将不再在菜单中看到本服务") without listing them. Roles nobody
-- holds are left out. Errors: org_unit_not_found PT404, unit_forbidden PT403.
create or replace function public.count_role_members(p_org_unit_id uuid)
returns table (role_key text, people bigint)
language plpgsql stable security definer set search_path = '' as $$
-- security definer: counts memberships across the subtree, which the caller's own policies
-- would reduce to the members they may list; the check below is the gate.
declare
  unit_path text;
begin
  select u.path into unit_path from public.org_units u where u.id = p_org_unit_id;
  if unit_path is null then
    raise exception using errcode = 'PT404', message = 'org_unit_not_found', hint = '单位不存在 / No such unit';
  end if;
  if not private.can_administer_unit(p_org_unit_id) then
    raise exception using errcode = 'PT403', message = 'unit_forbidden',
      hint = '只有该单位或上级单位的管理员可以查看人员统计 / Only administrators of this unit or above see its head counts';
  end if;
  return query
    select m.role_key, count(distinct m.user_id)
      from public.memberships m
      join public.org_units u on u.id = m.org_unit_id
     where m.status = 'active' and (u.path = unit_path or u.path like unit_path || '.%')
     group by m.role_key
     order by m.role_key;
end;
$$;

revoke execute on function public.count_role_members(uuid) from public, anon;
grant execute on function public.count_role_members(uuid) to authenticated, service_role;
