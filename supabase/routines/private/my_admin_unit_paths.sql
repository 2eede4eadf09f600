-- Paths of the units where the current user is an active administrator: read policies take
-- them once per query instead of calling administers() per row.
-- security definer: reads memberships without recursing into their policies.
create or replace function private.my_admin_unit_paths() returns text[]
language sql stable security definer set search_path = '' as $$
  select coalesce(array_agg(u.path), '{}')
    from public.memberships m
    join public.org_units u on u.id = m.org_unit_id
   where m.user_id = (select auth.uid()) and m.status = 'active' and m.role_key in ('community_admin', 'system_admin')
$$;
