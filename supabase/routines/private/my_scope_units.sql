create or replace function private.my_scope_units(p_action text) returns uuid[]
language sql stable security definer set search_path = '' as $$
  select coalesce(array_agg(distinct unit.id), '{}')
    from public.memberships m
    join public.org_units mine on mine.id = m.org_unit_id
    join public.org_units unit on unit.path = mine.path or unit.path like mine.path || '.%'
   where m.user_id = (select auth.uid()) and m.status = 'active'
     and exists (select 1 from public.service_role_grants g where g.role_key = m.role_key and g.action = p_action)
$$;
