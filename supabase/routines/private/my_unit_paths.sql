-- Paths of the units where the current user holds an active membership.
-- security definer: policies on memberships itself call it, and must not recurse into RLS.
create or replace function private.my_unit_paths() returns text[]
language sql stable security definer set search_path = '' as $$
  select coalesce(array_agg(u.path), '{}')
    from public.memberships m
    join public.org_units u on u.id = m.org_unit_id
   where m.user_id = (select auth.uid()) and m.status = 'active'
$$;
