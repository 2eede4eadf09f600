-- Moving a unit re-roots its whole subtree.
create or replace function private.org_units_repath_children() returns trigger
language plpgsql set search_path = '' as $$
begin
  -- The outermost update already re-rooted every descendant.
  if pg_trigger_depth() = 1 and new.path is distinct from old.path then
    update public.org_units
       set path = new.path || substr(path, length(old.path) + 1),
           depth = depth + (new.depth - old.depth)
     where path like old.path || '.%';
  end if;
  return null;
end;
$$;
