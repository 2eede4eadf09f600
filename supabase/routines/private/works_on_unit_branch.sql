-- Does this user work on the record's branch of the tree (at the unit, above or below it)?
-- security definer: the caller may not see the other person's memberships.
create or replace function private.works_on_unit_branch(p_user_id uuid, p_org_unit_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1
      from public.memberships m
      join public.org_units theirs on theirs.id = m.org_unit_id
      join public.org_units target on target.id = p_org_unit_id
     where m.user_id = p_user_id and m.status = 'active'
       and (target.path = theirs.path or target.path like theirs.path || '.%' or theirs.path like target.path || '.%')
  )
$$;
