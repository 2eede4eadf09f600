-- 服务管理: the services of the caller's units — owned at, above or below a unit where they
-- hold a membership (a sibling community's services are its own business) — with what the list
-- shows: status, version, owner, whether the caller may change it (an administrator of the owning
-- unit or above) or only copy it, and how many of its records the caller can see.
create or replace function public.list_services() returns table (
  id uuid, key text, name text, name_en text, category text, icon text, description text, status text,
  current_version int, has_draft boolean, owner_org_unit_id uuid, owner_name text, editable boolean,
  record_count bigint, row_version int, updated_at timestamptz, updated_by_name text)
language sql stable security invoker set search_path = '' as $$
-- security invoker: services, org_units, profiles and records are read under the caller's own
-- policies, so the count is of the records the caller may read and nothing more.
  select s.id, s.key, s.name,
         coalesce(s.draft ->> 'name_en', v.definition ->> 'name_en'),
         s.category, s.icon, s.description, s.status, s.current_version, s.draft is not null,
         s.owner_org_unit_id, u.name, private.can_administer_unit(s.owner_org_unit_id),
         (select count(*) from public.records r where r.service_id = s.id and r.deleted_at is null),
         s.row_version, s.updated_at, nullif(p.display_name, '')
    from public.services s
    left join public.service_versions v on v.service_id = s.id and v.version = s.current_version
    left join public.org_units u on u.id = s.owner_org_unit_id
    left join public.profiles p on p.id = s.updated_by
   where exists (select 1 from unnest(private.my_unit_paths()) mine(path)
                  where mine.path = u.path or mine.path like u.path || '.%' or u.path like mine.path || '.%')
   order by s.status = 'archived', s.category, s.name
$$;
