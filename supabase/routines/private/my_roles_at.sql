-- Roles the caller holds at this unit or one of its ancestors (their own memberships are
-- readable to them, so no definer rights are needed).
create or replace function private.my_roles_at(p_org_unit_id uuid) returns text[]
language sql stable set search_path = '' as $$
  select coalesce(array_agg(distinct m.role_key), '{}')
    from public.memberships m
    join public.org_units mine on mine.id = m.org_unit_id
    join public.org_units target on target.id = p_org_unit_id
   where m.user_id = (select auth.uid()) and m.status = 'active'
     and (target.path = mine.path or target.path like mine.path || '.%')
$$;
