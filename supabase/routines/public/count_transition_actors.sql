-- Who may take a transition, as head counts for the designer's 流程 page ("→ 3 人", "无人可办理"):
-- for each role asked, the distinct people holding it with an active membership at the sample
-- record's unit or an ancestor (the roles transition_record accepts there, my_roles_at), then
-- one row with role_key null counting the distinct people holding any of them. Counts only,
-- never names. For administrators of that unit or above. Errors: org_unit_not_found PT404,
-- unit_forbidden PT403, roles_invalid PT400.
create or replace function public.count_transition_actors(p_org_unit_id uuid, p_roles text[])
returns table (role_key text, people int)
language plpgsql stable security definer set search_path = '' as $$
-- security definer: counts memberships of the unit's ancestors, which the caller's own policies
-- hide (an administrator lists the members of their subtree only); the check below is the gate.
declare
  unit_path text;
begin
  select u.path into unit_path from public.org_units u where u.id = p_org_unit_id;
  if unit_path is null then
    raise exception using errcode = 'PT404', message = 'org_unit_not_found', hint = '单位不存在 / No such unit';
  end if;
  if not private.can_administer_unit(p_org_unit_id) then
    raise exception using errcode = 'PT403', message = 'unit_forbidden',
      hint = '只有该单位或上级单位的管理员可以查看可办理人数 / Only administrators of this unit or above see who may act there';
  end if;
  if p_roles is null or cardinality(p_roles) > 50 then
    raise exception using errcode = 'PT400', message = 'roles_invalid',
      hint = '角色列表为空或过长（最多 50 个） / The role list is missing or too long (at most 50)';
  end if;
  return query
    with holders as (
      select distinct m.role_key, m.user_id
        from public.memberships m
        join public.org_units mine on mine.id = m.org_unit_id
       where m.status = 'active'
         and m.role_key = any (p_roles)
         and (unit_path = mine.path or unit_path like mine.path || '.%')
    )
    select asked.role_key, (select count(*)::int from holders h where h.role_key = asked.role_key)
      from (select distinct r as role_key from unnest(p_roles) r) asked
    union all
    select null::text, (select count(distinct h.user_id)::int from holders h)
     order by 1 nulls last;
end;
$$;

revoke execute on function public.count_transition_actors(uuid, text[]) from public, anon;
grant execute on function public.count_transition_actors(uuid, text[]) to authenticated;
