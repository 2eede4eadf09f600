-- Is unit `unit_path` inside (or equal to) one of the current user's units?
create or replace function private.in_my_scope(unit_path text) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from unnest(private.my_unit_paths()) p
     where unit_path = p or unit_path like p || '.%'
  )
$$;
