-- The same scope as two arrays whose cross product contains it (exactly it for a user with
-- one membership). Policies use them as index conditions on (service_id, org_unit_id).
-- security definer: as my_record_scope.
create or replace function private.my_scope_services(p_action text) returns uuid[]
language sql stable security definer set search_path = '' as $$
  select coalesce(array_agg(distinct g.service_id), '{}')
    from public.memberships m
    join public.service_role_grants g on g.role_key = m.role_key and g.action = p_action
   where m.user_id = (select auth.uid()) and m.status = 'active'
$$;
