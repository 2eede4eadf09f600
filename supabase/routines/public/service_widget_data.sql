-- The figures behind one dashboard widget of a service: p_metric (count | overdue |
-- avg_duration) per bucket of p_group_by (status | org_unit | created_month | a field key of the
-- service's current definition | null for one overall figure, bucket null).
-- security invoker: the records' own policies decide what the caller counts, so a community's
-- staff see their community's figures, a leader their street's, and a role without read on the
-- service sees no rows at all. Buckets: status key, unit name, YYYY-MM (Beijing time), or the
-- stored answer as text (an option value, true/false; each element of a multi-choice answer;
-- null when unanswered). overdue counts records past due_at that are not in a terminal state;
-- avg_duration is the mean hours from filing to the last transition into the terminal state the
-- record is in (its last change if it never moved), or to now while it is open. Errors: service_not_found PT404,
-- service_not_published PT409, widget_metric_invalid / group_by_unknown / group_by_sensitive PT400.
create or replace function public.service_widget_data(p_service_id uuid, p_metric text, p_group_by text default null)
returns table (bucket text, value numeric)
language plpgsql stable security invoker set search_path = '' as $$
#variable_conflict use_column
declare
  service_row public.services;
  definition jsonb;
  group_field jsonb;
  by_unit boolean;
  bucket_sql text;
  figure_sql text;
begin
  select * into service_row from public.services s where s.id = p_service_id;
  if service_row.id is null then
    raise exception using errcode = 'PT404', message = 'service_not_found', hint = '服务不存在 / No such service';
  end if;
  select v.definition into definition from public.service_versions v where v.service_id = p_service_id and v.version = service_row.current_version;
  if definition is null then
    raise exception using errcode = 'PT409', message = 'service_not_published',
      hint = '服务发布后才有数据 / A service has data once it is published';
  end if;
  if p_metric is null or p_metric not in ('count', 'overdue', 'avg_duration') then
    raise exception using errcode = 'PT400', message = 'widget_metric_invalid',
      detail = jsonb_build_object('metric', p_metric)::text,
      hint = '指标应为 count、overdue 或 avg_duration / The metric must be count, overdue or avg_duration';
  end if;
  if p_group_by is not null and p_group_by not in ('status', 'org_unit', 'created_month') then
    select f into group_field from jsonb_array_elements(definition -> 'fields') f where f ->> 'key' = p_group_by;
    if group_field is null then
      raise exception using errcode = 'PT400', message = 'group_by_unknown',
        detail = jsonb_build_object('group_by', p_group_by)::text,
        hint = format('分组 "%s" 不是本服务当前版本的字段，也不是 状态 / 单位 / 月份 / groupBy "%s" is not a field of the service''s current version, nor status, org_unit or created_month',
                      p_group_by, p_group_by);
    end if;
    -- a chart of masked answers would unmask them by their counts
    if group_field -> 'sensitive' = 'true'::jsonb then
      raise exception using errcode = 'PT400', message = 'group_by_sensitive',
        detail = jsonb_build_object('group_by', p_group_by)::text,
        hint = format('敏感字段 "%s" 不能用于分组统计 / The sensitive field "%s" cannot group a chart', p_group_by, p_group_by);
    end if;
  end if;
  by_unit := p_group_by = 'org_unit' or group_field ->> 'type' = 'org_unit';
  -- records per month: summed from the counts kept per service, unit and month
  -- (private.my_records_by_month), not read record by record
  if p_metric = 'count' and p_group_by = 'created_month' then
    return query select m.month, m.records::numeric from private.my_records_by_month(p_service_id) m order by m.month;
    return;
  end if;
  -- One query written for this widget (dynamic SQL, the records policy applies as to any read):
  -- a plain expression per bucket, the field's indexed copy where the service has one, and the
  -- per-element expansion only for answers that can be lists; the terminal states of every
  -- version as a small join instead of reading each record's definition (only where the metric
  -- needs them); and the overall overdue
  -- figure restricted to past-due records, which records_service_due_at_idx finds (a terminal
  -- state has no due date).
  bucket_sql := case
    when p_group_by is null then 'null::text'
    when p_group_by = 'status' then 'r.status'
    when p_group_by = 'org_unit' then 'r.org_unit_id::text'
    when p_group_by = 'created_month' then $q$to_char(r.created_at at time zone 'Asia/Shanghai', 'YYYY-MM')$q$
    when service_row.indexed_fields ->> p_group_by like 'idx_text_%' then format('r.%I', service_row.indexed_fields ->> p_group_by)
    when group_field ->> 'type' in ('select', 'boolean', 'date', 'datetime', 'org_unit', 'user', 'number', 'money', 'text', 'textarea', 'phone', 'id_number')
      then format('r.data ->> %L', p_group_by)
    else 'k.bucket'
  end;
  figure_sql := case p_metric
    when 'count' then 'count(*)::numeric'
    when 'overdue' then '(count(*) filter (where r.due_at < now() and t.status is null))::numeric'
    else $q$round(avg(extract(epoch from (
           case when t.status is not null
                then coalesce((select max(e.created_at) from public.record_events e
                                where e.record_id = r.id and e.kind = 'transition' and e.to_status = r.status), r.updated_at)
                else now() end - r.created_at)) / 3600)::numeric, 1)$q$
  end;

  return query execute format($q$
    with terminal as (
      select v.version, s ->> 'key' as status
        from public.service_versions v, jsonb_array_elements(v.definition #> '{workflow,states}') s
       where v.service_id = $1 and s -> 'terminal' = 'true'::jsonb
    ),
    figures as (
      select %s as bucket, %s as figure
        from public.records r
        %s
        %s
       where r.service_id = $1 %s
       group by 1
    )
    -- grouped by unit id (two grids may share a name), shown by name
    select case when $2 then coalesce(u.name, f.bucket) else f.bucket end, f.figure
      from figures f
      left join public.org_units u on $2 and u.id::text = f.bucket
     order by case when $3 = 'created_month' then f.bucket end, f.figure desc nulls last, 1
  $q$,
    bucket_sql,
    figure_sql,
    -- a count needs no state: without the join, the scope indexes answer it alone (index-only)
    case when p_metric <> 'count' then 'left join terminal t on t.version = r.service_version and t.status = r.status' else '' end,
    case when bucket_sql = 'k.bucket' then format($q$cross join lateral jsonb_array_elements_text(case
        when jsonb_typeof(r.data -> %1$L) = 'array' then r.data -> %1$L else jsonb_build_array(r.data -> %1$L) end) k(bucket)$q$, p_group_by) else '' end,
    case when p_metric = 'overdue' and p_group_by is null then 'and r.due_at < now()' else '' end)
  using p_service_id, by_unit, p_group_by;
end;
$$;

revoke execute on function public.service_widget_data(uuid, text, text) from public, anon;
grant execute on function public.service_widget_data(uuid, text, text) to authenticated, service_role;
