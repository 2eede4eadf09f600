-- The caller's (service, unit) pairs for an action: every unit in the subtree of each unit
-- where the caller holds an active membership whose role is granted the action on the service.
-- security definer: reads memberships and grants without their policies, once per query.
create or replace function private.my_record_scope(p_action text)
returns table (service_id uuid, org_unit_id uuid)
language sql stable security definer set search_path = '' as $$
  select distinct g.service_id, unit.id
    from public.memberships m
    join public.org_units mine on mine.id = m.org_unit_id
    join public.service_role_grants g on g.role_key = m.role_key and g.action = p_action
    join public.org_units unit on unit.path = mine.path or unit.path like mine.path || '.%'
   where m.user_id = (select auth.uid()) and m.status = 'active'
$$;
