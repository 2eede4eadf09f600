-- One page (at most 1,000) of an export (item 8 of issue 9): the caller pages through the list's
-- own query for ids (same filter as the list), then asks this RPC for the rows. It enforces the
-- `export` grant (403 export_forbidden without it on the service; rows outside the caller's
-- export scope are left out) and, for p_unmasked, `view_sensitive` plus a reason of 4 to 500
-- characters: the raw answers of the sensitive fields named in p_columns replace their masks on
-- the rows within the caller's view_sensitive scope. Every page writes one sensitive_access_log
-- row (kind 'export', masked or not): who, which service, which fields unmasked, how many rows,
-- the reason, and p_export_id so the pages of one export read as one.
-- security invoker: the rows are read under the caller's RLS; the raw answers come through
-- sensitive_answers_of (security definer) only after the checks.
create or replace function public.export_records(p_service_id uuid, p_ids uuid[], p_columns text[] default null, p_unmasked boolean default false,
                                                 p_reason text default null, p_export_id uuid default null) returns jsonb
language plpgsql security invoker set search_path = '' as $$
declare
  reason text := case when char_length(p_reason) > 2000 then p_reason else coalesce(private.tidy_text(p_reason), '') end;
  unmasked_fields text[] := '{}';
  rows jsonb;
  row_count int;
begin
  if cardinality(p_ids) > 1000 then
    perform private.raise_record_error('PT400', 'export_page_too_large', '每次最多导出 1000 条 / At most 1,000 records per page');
  end if;
  if not exists (select 1 from private.my_record_scope('export') s where s.service_id = p_service_id) then
    perform private.raise_record_error('PT403', 'export_forbidden', '您的角色不能导出此服务的记录 / Your role may not export this service''s records');
  end if;
  if p_unmasked then
    if not exists (select 1 from private.my_record_scope('view_sensitive') s where s.service_id = p_service_id) then
      perform private.raise_record_error('PT403', 'unmask_forbidden',
        '您的角色不能查看此服务的敏感信息 / Your role may not view this service''s sensitive information');
    end if;
    reason := private.free_text(reason, 500, '导出原因', 'reason');
    if char_length(coalesce(reason, '')) < 4 then
      perform private.raise_record_error('PT400', 'reason_required', '请填写导出原因（至少 4 个字） / Give a reason for exporting (at least 4 characters)');
    end if;
    select coalesce(array_agg(f ->> 'key'), '{}') into unmasked_fields
      from public.services s
      join public.service_versions v on v.service_id = s.id and v.version = s.current_version
     cross join lateral jsonb_array_elements(v.sensitive_fields) f
     where s.id = p_service_id and (p_columns is null or f ->> 'key' = any (p_columns));
  end if;

  with wanted as (select id, ordinality from unnest(p_ids) with ordinality as w (id, ordinality)),
  exported as (
    select w.ordinality, r.*,
           p_unmasked and (r.service_id, r.org_unit_id) in (select s.service_id, s.org_unit_id from private.my_record_scope('view_sensitive') s) as may_unmask
      from wanted w
      join public.records r on r.id = w.id
     where r.service_id = p_service_id
       and (r.service_id, r.org_unit_id) in (select s.service_id, s.org_unit_id from private.my_record_scope('export') s)
  )
  select coalesce(jsonb_agg(
           (to_jsonb(e) - 'ordinality' - 'may_unmask')
           || jsonb_build_object('data', case when e.may_unmask
                                              then e.data || (select coalesce(jsonb_object_agg(a.key, a.value), '{}') from jsonb_each(private.sensitive_answers_of(e.id)) a
                                                               where a.key = any (unmasked_fields))
                                              else e.data end,
                                 'unmasked', e.may_unmask)
           order by e.ordinality), '[]'),
         count(*)
    into rows, row_count
    from exported e;

  perform private.log_sensitive_export(p_service_id, case when p_unmasked then unmasked_fields else '{}' end, reason, row_count,
    jsonb_strip_nulls(jsonb_build_object('unmasked', p_unmasked, 'columns', to_jsonb(p_columns), 'export_id', p_export_id)));
  return jsonb_build_object('rows', rows);
end;
$$;

revoke execute on function public.export_records(uuid, uuid[], text[], boolean, text, uuid) from public, anon;
grant execute on function public.export_records(uuid, uuid[], text[], boolean, text, uuid) to authenticated, service_role;
