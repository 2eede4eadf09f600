-- Everything the shell needs about the signed-in user in one round trip.
create or replace function public.my_context() returns json
language sql stable security invoker set search_path = '' as $$
  select json_build_object(
    'user_id', p.id,
    'display_name', p.display_name,
    'email', p.email,
    'phone', p.phone,
    'demo', exists (select 1 from public.app_settings s where s.key = 'demo_mode' and s.value = 'true'::jsonb),
    'memberships', coalesce((
      select json_agg(json_build_object(
        'org_unit_id', u.id, 'org_unit_name', u.name, 'org_unit_level', u.level, 'org_unit_code', u.code,
        -- "第一网格" alone is ambiguous: name the unit from its street down.
        'org_unit_full_name', (select string_agg(a.name, '' order by a.depth) from public.org_units a
                                where u.path like a.path || '%' and (a.depth >= 2 or a.id = u.id)),
        'role_key', r.key, 'role_name', r.name, 'role_name_en', r.name_en) order by r.sort_order, u.depth)
        from public.memberships m
        join public.org_units u on u.id = m.org_unit_id
        join public.roles r on r.key = m.role_key
       where m.user_id = p.id and m.status = 'active'), '[]'::json)
  )
  from public.profiles p
  where p.id = (select auth.uid())
$$;

revoke execute on function public.my_context() from public, anon;
