-- The published services the caller may read, each with its current version's definition and
-- indexed fields, and their role grants: what the menu and every record page need, in one round
-- trip instead of three (services, then versions, then grants), which on a phone over 4G was
-- most of the time before a list's first rows. security invoker: the caller's own policies on
-- services, service_versions and service_role_grants decide, as for the three reads it replaces;
-- a service whose version row is not readable comes with definition null.
create or replace function public.published_services() returns json
language sql stable security invoker set search_path = '' as $$
  select json_build_object(
    'services', coalesce((
      select json_agg(json_build_object(
        'id', s.id, 'key', s.key, 'name', s.name, 'category', s.category, 'icon', s.icon,
        'current_version', s.current_version, 'indexed_fields', s.indexed_fields, 'definition', v.definition)
        order by s.category, s.name)
        from public.services s
        left join public.service_versions v on v.service_id = s.id and v.version = s.current_version
       where s.status = 'published' and s.current_version is not null), '[]'::json),
    'grants', coalesce((
      select json_agg(json_build_object('service_id', g.service_id, 'role_key', g.role_key, 'action', g.action))
        from public.service_role_grants g
        join public.services s on s.id = g.service_id
       where s.status = 'published'), '[]'::json)
  )
$$;

comment on function public.published_services() is 'Published services readable by the caller with their current definitions and indexed fields, and their role grants, in one call (security invoker).';
