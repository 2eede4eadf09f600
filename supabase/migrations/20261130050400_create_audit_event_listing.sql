-- The 审计日志 page (issue #7, item 7): one server-side, paginated, filterable list of what
-- happened in an administrator's scope, from four append-only sources:
--   config     public.audit_log            configuration changes (memberships, roles, invitations,
--                                          grants, definitions, profiles)
--   sensitive  public.sensitive_access_log unmaskings of sensitive answers, granted and refused
--   auth       auth.audit_log_entries      sign-ins (ok and failed), sign-ups, logouts, token
--                                          reuse, recovery, as GoTrue and the gateway write them
--   storage    public.storage_access_log   uploads, overwrites, moves, removals, signed URLs
--
-- Only administrators (community_admin, system_admin) may list; everyone else gets PT403
-- audit_forbidden. The public logs are read under the caller's RLS (their own policies decide
-- the scope). The auth schema is not exposed, so its events come through list_auth_events /
-- private.auth_events_in_my_scope: security definer, returning only events whose actor holds a
-- membership (any status) at a unit the caller administers — and, for system administrators,
-- every event, failed sign-ins to unknown accounts included.
--
-- auth.audit_log_entries has no index on created_at and, on hosted Supabase, postgres may not
-- create one; a date range keeps the scan short (the page asks for the last 30 days by default).

-- routine: supabase/routines/private/refuse_non_administrator.sql
create or replace function private.refuse_non_administrator() returns void
language plpgsql stable set search_path = '' as $$
begin
  if cardinality(private.my_admin_unit_paths()) = 0 then
    raise exception using errcode = 'PT403', message = 'audit_forbidden',
      hint = '只有管理员可以查看审计日志 / Only administrators can view the audit log';
  end if;
end;
$$;
-- end routine

-- routine: supabase/routines/private/auth_events_in_my_scope.sql
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
-- end routine

-- routine: supabase/routines/public/list_auth_events.sql
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
-- end routine

-- routine: supabase/routines/public/list_audit_events.sql
-- Every kind of event in one list, newest first. p_kinds: any of config, sensitive, auth,
-- storage (null = all). p_user: the acting user. [p_from, p_to): the time range.
-- `total` repeats the number of matching entries on every row (for the pager).
-- security invoker: the public logs are read under the caller's RLS; auth events come from the
-- definer helper above, already scoped.
create or replace function public.list_audit_events(
  p_kinds text[] default null,
  p_user uuid default null,
  p_from timestamptz default null,
  p_to timestamptz default null,
  p_limit int default 50,
  p_offset int default 0
) returns table (
  kind text, entry_id text, at timestamptz, actor uuid, actor_name text, org_unit_id uuid, org_unit_name text,
  action text, subject text, detail jsonb, total bigint
)
language plpgsql stable security invoker set search_path = '' as $$
#variable_conflict use_column
begin
  perform private.refuse_non_administrator();
  return query
  with events as (
    select 'config'::text as kind, a.id::text as entry_id, a.at, a.actor, null::text as actor_label, a.org_unit_id,
           a.table_name || '.' || a.action as action, a.row_id as subject,
           jsonb_build_object('before', a.before, 'after', a.after) as detail
      from public.audit_log a
     where (p_kinds is null or 'config' = any (p_kinds))
       and (p_user is null or a.actor = p_user)
       and (p_from is null or a.at >= p_from) and (p_to is null or a.at < p_to)
    union all
    select 'sensitive', s.id::text, s.at, s.actor, null, s.org_unit_id,
           case s.outcome when 'granted' then 'unmask' else 'unmask_refused' end,
           coalesce(s.record_id, s.unknown_record_id)::text || ' · ' || s.field,
           jsonb_strip_nulls(jsonb_build_object('record_id', coalesce(s.record_id, s.unknown_record_id), 'service_id', s.service_id,
             'field', s.field, 'reason', s.reason, 'refusal', s.refusal))
      from public.sensitive_access_log s
     where (p_kinds is null or 'sensitive' = any (p_kinds))
       and (p_user is null or s.actor = p_user)
       and (p_from is null or s.at >= p_from) and (p_to is null or s.at < p_to)
    union all
    select 'auth', e.id::text, e.at, e.actor, e.actor_username, null::uuid, e.action, e.actor_username,
           e.detail || jsonb_build_object('ip_address', e.ip_address)
      from private.auth_events_in_my_scope(p_user, p_from, p_to) e
     where p_kinds is null or 'auth' = any (p_kinds)
    union all
    select 'storage', st.id::text, st.at, st.actor, null, st.org_unit_ids[1], st.action, st.bucket_id || '/' || st.object_name,
           jsonb_strip_nulls(jsonb_build_object('size', st.size, 'actor_role', st.actor_role, 'more', st.detail))
      from public.storage_access_log st
     where (p_kinds is null or 'storage' = any (p_kinds))
       and (p_user is null or st.actor = p_user)
       and (p_from is null or st.at >= p_from) and (p_to is null or st.at < p_to)
  ),
  page as (
    select ev.*, count(*) over () as total
      from events ev
     order by ev.at desc, ev.kind, ev.entry_id
     limit least(greatest(coalesce(p_limit, 50), 1), 1000) offset greatest(coalesce(p_offset, 0), 0)
  )
  select p.kind, p.entry_id, p.at, p.actor,
         coalesce(nullif(pr.display_name, ''), p.actor_label, pr.phone, pr.email),
         p.org_unit_id, u.name, p.action, p.subject, p.detail, p.total
    from page p
    left join public.profiles pr on pr.id = p.actor
    left join public.org_units u on u.id = p.org_unit_id
   order by p.at desc, p.kind, p.entry_id;
end;
$$;
-- end routine

revoke execute on function private.refuse_non_administrator(), private.auth_events_in_my_scope(uuid, timestamptz, timestamptz) from public, anon;
grant execute on function private.refuse_non_administrator(), private.auth_events_in_my_scope(uuid, timestamptz, timestamptz) to authenticated, service_role;
revoke execute on function public.list_auth_events(uuid, timestamptz, timestamptz, int, int),
  public.list_audit_events(text[], uuid, timestamptz, timestamptz, int, int) from public, anon;
grant execute on function public.list_auth_events(uuid, timestamptz, timestamptz, int, int),
  public.list_audit_events(text[], uuid, timestamptz, timestamptz, int, int) to authenticated;
