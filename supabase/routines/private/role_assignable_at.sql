-- A preset may be held anywhere; a custom role only at its owner unit and below.
create or replace function private.role_assignable_at(p_role_key text, p_org_unit_id uuid) returns boolean
language sql stable security invoker set search_path = '' as $$
  select exists (
    select 1
      from public.roles r
      join public.org_units target on target.id = p_org_unit_id
      left join public.org_units owner on owner.id = r.owner_org_unit_id
     where r.key = p_role_key
       and (r.owner_org_unit_id is null or target.path = owner.path or target.path like owner.path || '.%')
  )
$$;
