-- Auth events of people in the caller's administrative scope (see the top).
-- security definer: reads auth.audit_log_entries, which no API role may read, and the actors'
-- memberships, which the caller may not all read; it filters to the caller's scope itself.
create or replace function private.auth_events_in_my_scope(p_user uuid, p_from timestamptz, p_to timestamptz)
returns table (id uuid, at timestamptz, actor uuid, actor_username text, action text, ip_address text, detail jsonb)
language sql stable security definer set search_path = '' as $$
  with scope as (
    select private.is_system_admin() as everything, private.my_admin_unit_paths() as paths
  ),
  entries as (
    select e.id, e.created_at, e.ip_address, e.payload::jsonb as payload,
           case when e.payload ->> 'actor_id' ~ '^[0-9a-f-]{36}$' and e.payload ->> 'actor_id' <> '00000000-0000-0000-0000-000000000000'
                then (e.payload ->> 'actor_id')::uuid end as actor
      from auth.audit_log_entries e
     where (p_from is null or e.created_at >= p_from)
       and (p_to is null or e.created_at < p_to)
  )
  select e.id, e.created_at, e.actor, e.payload ->> 'actor_username', e.payload ->> 'action', e.ip_address,
         jsonb_strip_nulls(jsonb_build_object('log_type', e.payload -> 'log_type', 'traits', e.payload -> 'traits'))
    from entries e, scope s
   where (p_user is null or e.actor = p_user)
     and (s.everything or exists (
           select 1 from public.memberships m join public.org_units u on u.id = m.org_unit_id
            where m.user_id = e.actor and private.path_within(u.path, s.paths)))
$$;
