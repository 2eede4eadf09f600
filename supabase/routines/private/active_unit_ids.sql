-- Units where `p_user` holds an active membership now.
-- security definer: the caller may not read the actor's memberships.
create or replace function private.active_unit_ids(p_user uuid) returns uuid[]
language sql stable security definer set search_path = '' as $$
  select coalesce(array_agg(distinct m.org_unit_id), '{}') from public.memberships m where m.user_id = p_user and m.status = 'active'
$$;
