-- Is the caller a community or system administrator at this unit or one of its ancestors?
-- The service RPCs ask this; it is administers() for the caller, so who administers a unit is
-- decided in one place for services and membership administration alike.
create or replace function private.can_administer_unit(p_org_unit_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select private.administers((select auth.uid()), p_org_unit_id)
$$;
