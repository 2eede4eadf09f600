-- Auth events for the caller's scope, newest first, with the total for pagination.
-- security definer: see auth_events_in_my_scope (it is the one reader of auth).
create or replace function public.list_auth_events(
  p_user uuid default null,
  p_from timestamptz default null,
  p_to timestamptz default null,
  p_limit int default 50,
  p_offset int default 0
) returns table (id uuid, at timestamptz, actor uuid, actor_username text, action text, ip_address text, detail jsonb, total bigint)
language plpgsql stable security definer set search_path = '' as $$
begin
  perform private.refuse_non_administrator();
  return query
    select e.*, count(*) over ()
      from private.auth_events_in_my_scope(p_user, p_from, p_to) e
     order by e.at desc, e.id
     limit least(greatest(coalesce(p_limit, 50), 1), 1000) offset greatest(coalesce(p_offset, 0), 0);
end;
$$;
