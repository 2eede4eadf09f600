-- The dashboard's records-by-month widget read every visible record: at 1,000,000 records a
-- prefecture leader's 440,000 grid events took 440 ms (p95 464 ms; the hand-written typed table
-- 388 / 439 ms), over the 200 ms a dashboard may take. Counts per service, unit and month are
-- now kept by a statement-level trigger on records (private.record_month_counts, filled here),
-- and the widget sums them over the caller's scope, adding the records they took part in
-- outside it, counted directly. Same figures as a count of the records (db test).
-- Routines between "-- routine:" and "-- end routine" are copies written by
-- `npm run db:migration`; edit supabase/routines/, never the copy.

-- Hand-written DDL the routines rely on (tables, columns, types), or nothing.

create table private.record_month_counts (
  service_id uuid not null,
  org_unit_id uuid not null,
  month text not null check (month ~ '^[0-9]{4}-[0-9]{2}$'),
  -- no check (records >= 0): a CHECK is tested on the row an upsert proposes before the conflict
  -- turns it into an update, and a move proposes -1 for the cell it leaves
  records int not null,
  primary key (service_id, org_unit_id, month)
);
comment on table private.record_month_counts is 'Live records per service, unit and month filed (Beijing time), kept by private.count_record_months; the records-by-month widget sums them over the caller''s scope.';

-- routine: supabase/routines/private/count_record_months.sql
-- AFTER INSERT / UPDATE on records (per statement, with the transition tables): keeps
-- private.record_month_counts, the live records per service, unit and month filed (Beijing
-- time), equal to a count of records. An update moves a record between counts when its unit
-- (escalation), its filing time (imports) or its deletion changes; other updates (a transition,
-- an edit) leave the counts alone. The dashboard's records-by-month widget sums these rows over
-- the caller's scope instead of reading every record (a prefecture's 440,000 took ≈ 440 ms).
-- security definer: record_month_counts is private; only this trigger writes it.
create or replace function private.count_record_months() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'INSERT' then
    insert into private.record_month_counts as c (service_id, org_unit_id, month, records)
    select n.service_id, n.org_unit_id, to_char(n.created_at at time zone 'Asia/Shanghai', 'YYYY-MM'), count(*)
      from added n where n.deleted_at is null
     group by 1, 2, 3
    on conflict (service_id, org_unit_id, month) do update set records = c.records + excluded.records;
    return null;
  end if;
  with moved as (
    select o.service_id as old_service, o.org_unit_id as old_unit, o.created_at as old_created, o.deleted_at is null as old_live,
           n.service_id as new_service, n.org_unit_id as new_unit, n.created_at as new_created, n.deleted_at is null as new_live
      from removed o join added n on n.id = o.id
     where (o.service_id, o.org_unit_id, o.created_at, o.deleted_at is null) is distinct from (n.service_id, n.org_unit_id, n.created_at, n.deleted_at is null)
  ),
  changes as (
    select old_service as service_id, old_unit as org_unit_id, to_char(old_created at time zone 'Asia/Shanghai', 'YYYY-MM') as month, -1 as delta
      from moved where old_live
    union all
    select new_service, new_unit, to_char(new_created at time zone 'Asia/Shanghai', 'YYYY-MM'), 1
      from moved where new_live
  )
  insert into private.record_month_counts as c (service_id, org_unit_id, month, records)
  select service_id, org_unit_id, month, sum(delta) from changes group by 1, 2, 3 having sum(delta) <> 0
  on conflict (service_id, org_unit_id, month) do update set records = c.records + excluded.records;
  return null;
end;
$$;
-- end routine

-- routine: supabase/routines/private/my_records_by_month.sql
-- The caller's live records of one service per month filed (Beijing time, YYYY-MM), as the
-- records policy would let them count them: the kept counts (record_month_counts) summed over
-- the units where their roles may read the service (my_record_scope('read')), plus, counted
-- directly, the records they took part in outside those units. Equal to counting the records
-- (tests/db/service-widget-data.test.ts), without reading them.
-- security definer: reads the private counts, only for the caller's own scope; the participant
-- part is read as the caller would (records' own policy applies through my_participated_records
-- and the readable services).
create or replace function private.my_records_by_month(p_service_id uuid) returns table (month text, records bigint)
language plpgsql stable security definer set search_path = '' as $$
#variable_conflict use_column
begin
  return query
    with scope as (
      select s.org_unit_id from private.my_record_scope('read') s where s.service_id = p_service_id
    ),
    counted as (
      select c.month, c.records::bigint as records
        from private.record_month_counts c
       where c.service_id = p_service_id and c.org_unit_id in (select org_unit_id from scope)
      union all
      select to_char(r.created_at at time zone 'Asia/Shanghai', 'YYYY-MM'), 1
        from public.records r
       where r.id in (select private.my_participated_records())
         and r.service_id = p_service_id and r.deleted_at is null
         and r.org_unit_id not in (select org_unit_id from scope)
         and r.service_id = any (private.my_readable_services())
    )
    select x.month, sum(x.records)::bigint from counted x group by x.month having sum(x.records) > 0;
end;
$$;
-- end routine

-- routine: supabase/routines/public/service_widget_data.sql
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
-- end routine

-- Hand-written DDL that names the routines (triggers, policies, grants), or nothing.

revoke execute on function private.count_record_months() from public, anon;
revoke execute on function private.my_records_by_month(uuid) from public, anon;
-- service_widget_data (security invoker) calls it as the caller
grant execute on function private.my_records_by_month(uuid) to authenticated, service_role;

create trigger records_count_months_on_insert
after insert on public.records
referencing new table as added
for each statement execute function private.count_record_months();

create trigger records_count_months_on_update
after update on public.records
referencing old table as removed new table as added
for each statement execute function private.count_record_months();

insert into private.record_month_counts (service_id, org_unit_id, month, records)
select r.service_id, r.org_unit_id, to_char(r.created_at at time zone 'Asia/Shanghai', 'YYYY-MM'), count(*)
  from public.records r where r.deleted_at is null
 group by 1, 2, 3;
