-- security definer: reads memberships without recursing into their policies.
create or replace function private.is_system_admin() returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.memberships m
     where m.user_id = (select auth.uid()) and m.status = 'active' and m.role_key = 'system_admin'
  )
$$;
