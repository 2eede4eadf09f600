-- Does `p_admin` hold an active administrator membership at this unit or an ancestor, strong
-- enough for `p_role_key`? Only a system administrator manages system_admin; a null role asks
-- about the unit alone.
-- security definer: memberships' own policies call it (reading memberships under RLS would
-- recurse), and the invitation claim calls it for the inviter, who is not the current user.
create or replace function private.administers(p_admin uuid, p_org_unit_id uuid, p_role_key text default null) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1
      from public.memberships m
      join public.org_units mine on mine.id = m.org_unit_id
      join public.org_units target on target.id = p_org_unit_id
     where m.user_id = p_admin
       and m.status = 'active'
       and (m.role_key = 'system_admin' or (m.role_key = 'community_admin' and p_role_key is distinct from 'system_admin'))
       and (target.path = mine.path or target.path like mine.path || '.%')
  )
$$;
