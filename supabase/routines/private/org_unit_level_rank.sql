-- The level order is fixed by law; a child sits exactly one level below its parent
-- (a grid under a community, a community under a street …).
create or replace function private.org_unit_level_rank(level text) returns int
language sql immutable set search_path = '' as $$
  select array_position(array['prefecture', 'county', 'street', 'community', 'grid'], level)
$$;
