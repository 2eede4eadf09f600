-- private.can_administer_unit (services) and private.administers (membership administration)
-- were written in parallel and asked the same question. Keep one rule: the service RPCs now
-- ask administers() for the caller, so a later change to who administers a unit applies to both.
create or replace function private.can_administer_unit(p_org_unit_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select private.administers((select auth.uid()), p_org_unit_id)
$$;
