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
           s.kind || case s.outcome when 'granted' then '' else '_refused' end,
           coalesce(coalesce(s.record_id, s.unknown_record_id)::text || ' · ' || s.field, s.service_id::text),
           jsonb_strip_nulls(jsonb_build_object('record_id', coalesce(s.record_id, s.unknown_record_id), 'service_id', s.service_id,
             'field', nullif(s.field, ''), 'reason', nullif(s.reason, ''), 'refusal', s.refusal, 'rows', s.row_count) || coalesce(s.detail, '{}'))
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
