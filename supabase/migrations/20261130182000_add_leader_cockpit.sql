-- Leader cockpit (issue 11): leaders get figures for their unit and everything below it —
-- received, in progress, completed, overdue, completed late, handling hours (avg, p90) and
-- satisfaction where a service collects it — per child unit and per service, and a weekly or
-- monthly trend. The functions run as the caller over records (security invoker), so a leader
-- counts exactly the records their list shows; a unit outside their units is refused (PT403).
-- No new table: aggregation reads records directly; the 1M-record plan is in cockpit_records.
-- The routine copies below are in dependency order (SQL bodies are checked at creation).
-- Routines between "-- routine:" and "-- end routine" are copies written by
-- `npm run db:migration`; edit supabase/routines/, never the copy.

-- Hand-written DDL the routines rely on (tables, columns, types), or nothing.

-- routine: supabase/routines/private/satisfaction_field.sql
-- The key of a service definition's satisfaction field, or null: the first single-choice field
-- whose key names it (satisfaction…) or whose label says 满意度. The cockpit's 满意率 is shown only
-- for services that collect it, so a service without such a field has no satisfaction figure.
create or replace function private.satisfaction_field(p_definition jsonb) returns text
language sql immutable set search_path = '' as $$
  select f ->> 'key'
    from jsonb_array_elements(coalesce(p_definition -> 'fields', '[]'::jsonb)) with ordinality as x(f, n)
   where f ->> 'type' in ('select', 'radio')
     and (f ->> 'key' ilike '%satisf%' or f ->> 'label' like '%满意度%')
   order by n
   limit 1
$$;

revoke execute on function private.satisfaction_field(jsonb) from public, anon;
grant execute on function private.satisfaction_field(jsonb) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/private/is_satisfied_answer.sql
-- Does a satisfaction answer count as satisfied: its option's label says 满意 and not 不满意
-- (满意, 基本满意, 非常满意), the default 满意率 numerator of 12345 reports. Null when unanswered.
create or replace function private.is_satisfied_answer(p_definition jsonb, p_field text, p_answer text) returns boolean
language sql immutable set search_path = '' as $$
  select case
           when p_field is null or p_answer is null or p_answer = '' then null
           else coalesce((select o ->> 'label' like '%满意%' and o ->> 'label' not like '%不满意%'
                            from jsonb_array_elements(p_definition -> 'fields') f
                           cross join lateral jsonb_array_elements(coalesce(f -> 'options', '[]'::jsonb)) o
                           where f ->> 'key' = p_field and o ->> 'value' = p_answer
                           limit 1), false)
         end
$$;

revoke execute on function private.is_satisfied_answer(jsonb, text, text) from public, anon;
grant execute on function private.is_satisfied_answer(jsonb, text, text) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/private/check_cockpit_scope.sql
-- The cockpit's door: the unit must exist and lie in the caller's own units or below (any active
-- membership). A leader asking for a unit outside their subtree is refused, not shown zeros.
-- Errors: cockpit_unit_not_found PT404, cockpit_unit_out_of_scope PT403, cockpit_period_invalid PT400.
create or replace function private.check_cockpit_scope(p_unit_id uuid, p_from date, p_to date) returns void
language plpgsql stable security definer set search_path = '' as $$
declare
  unit_path text;
begin
  select u.path into unit_path from public.org_units u where u.id = p_unit_id;
  if unit_path is null then
    raise exception using errcode = 'PT404', message = 'cockpit_unit_not_found', hint = '单位不存在 / No such unit';
  end if;
  if not private.in_my_scope(unit_path) then
    raise exception using errcode = 'PT403', message = 'cockpit_unit_out_of_scope',
      hint = '该单位不在您的管辖范围内 / This unit is outside your scope';
  end if;
  if p_from is not null and p_to is not null and p_from > p_to then
    raise exception using errcode = 'PT400', message = 'cockpit_period_invalid',
      hint = '开始日期不能晚于结束日期 / The start date must not be after the end date';
  end if;
end;
$$;

revoke execute on function private.check_cockpit_scope(uuid, date, date) from public, anon;
grant execute on function private.check_cockpit_scope(uuid, date, date) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/private/cockpit_records.sql
-- The records behind the leader cockpit: those filed at p_unit_id or below, created on the
-- Beijing calendar days p_from..p_to (either bound may be null), that the CALLER may read —
-- security invoker, so the records' own policies decide, exactly as the record list does. One row
-- per record with the facts every KPI is counted from:
--   child_unit_id  the child of p_unit_id the record's unit lies under (p_unit_id itself for
--                  records filed at that unit, or when it has no children);
--   terminal       its status is terminal in the service's CURRENT version (the list's overdue
--                  filter reads the same definition, so the two agree record for record);
--   open_overdue   not terminal and due_at < now()                (逾期未办);
--   closed_late    terminal and finished after due_at             (逾期已办);
--   handling_hours filing → the last transition into the terminal state it is in (its last
--                  change when no such event is readable), terminal records only;
--   satisfied      the satisfaction answer counts as satisfied (null: no field or unanswered).
-- At 1M records: the subtree join goes through records_scope_idx (service_id, org_unit_id); the
-- next step, if the benchmark asks for it, is an index on (org_unit_id, service_id, created_at)
-- including status and due_at, then a per-day summary table (unit, service, day, status) kept by
-- the record triggers. Measured by the benchmark (issue 11, item 6), not here.
create or replace function private.cockpit_records(p_unit_id uuid, p_from date, p_to date)
returns table (record_id uuid, child_unit_id uuid, service_id uuid, created_at timestamptz, terminal boolean,
               open_overdue boolean, closed_late boolean, handling_hours numeric, satisfied boolean)
language sql stable security invoker set search_path = '' as $$
  with target as (
    select u.id, u.path, u.depth from public.org_units u where u.id = p_unit_id
  ),
  cohort as (
    select r.id, r.service_id, r.status, r.created_at, r.updated_at, r.due_at,
           coalesce(((string_to_array(u.path, '.'))[t.depth + 2])::uuid, t.id) as child_unit_id,
           private.is_terminal_status(v.definition, r.status) as terminal,
           private.is_satisfied_answer(v.definition, private.satisfaction_field(v.definition),
                                       r.data ->> private.satisfaction_field(v.definition)) as satisfied
      from target t
      join public.org_units u on u.path = t.path or u.path like t.path || '.%'
      join public.records r on r.org_unit_id = u.id
      join public.services s on s.id = r.service_id
      join public.service_versions v on v.service_id = s.id and v.version = s.current_version
     where (p_from is null or r.created_at >= p_from::timestamp at time zone 'Asia/Shanghai')
       and (p_to is null or r.created_at < (p_to + 1)::timestamp at time zone 'Asia/Shanghai')
  ),
  finished as (
    select c.*,
           case when c.terminal then
             coalesce((select max(e.created_at) from public.record_events e
                        where e.record_id = c.id and e.kind = 'transition' and e.to_status = c.status), c.updated_at)
           end as finished_at
      from cohort c
  )
  select f.id, f.child_unit_id, f.service_id, f.created_at, f.terminal,
         not f.terminal and f.due_at < now(),
         f.terminal and f.due_at < f.finished_at,
         round((extract(epoch from (f.finished_at - f.created_at)) / 3600)::numeric, 2),
         f.satisfied
    from finished f
$$;

revoke execute on function private.cockpit_records(uuid, date, date) from public, anon;
grant execute on function private.cockpit_records(uuid, date, date) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/public/cockpit_summary.sql
-- The leader cockpit's figures for p_unit_id and everything below it, for records created on the
-- Beijing days p_from..p_to (null = unbounded): per child unit × service, per child unit, per
-- service and overall (unit_id / service_id null = all). security invoker over records (through
-- private.cockpit_records): the caller counts only what their record policies let them read, the
-- same rows the record list shows. A unit outside the caller's units is refused (PT403).
-- Counts (the cohort is the records created in the period; 口径 in src/pages/cockpit/kpiDefinitions.ts):
--   received        records created in the period;
--   in_progress     of those, not in a terminal state (current version's states[].terminal);
--   completed       of those, in a terminal state;
--   overdue         not terminal and due_at < now()                    (逾期未办);
--   completed_late  terminal, finished after due_at                     (逾期已办);
--   avg/p90_hours   filing → finishing, over the completed ones (n = completed);
--   rated/satisfied answers of the service's satisfaction field; 满意 + 基本满意 count as satisfied.
-- Rates are left to the caller: 办结率 = completed / received, 超时率 = (overdue + completed_late) / received.
create or replace function public.cockpit_summary(p_unit_id uuid, p_from date default null, p_to date default null)
returns table (unit_id uuid, unit_name text, service_id uuid, service_name text, received bigint, in_progress bigint,
               completed bigint, overdue bigint, completed_late bigint, avg_hours numeric, p90_hours numeric,
               rated bigint, satisfied bigint)
language plpgsql stable security invoker set search_path = '' as $$
#variable_conflict use_column
begin
  perform private.check_cockpit_scope(p_unit_id, p_from, p_to);
  return query
    select g.child_unit_id, u.name, g.service_id, s.name, g.received, g.in_progress, g.completed, g.overdue,
           g.completed_late, g.avg_hours, g.p90_hours, g.rated, g.satisfied
      from (
        select c.child_unit_id, c.service_id,
               count(*) as received,
               count(*) filter (where not c.terminal) as in_progress,
               count(*) filter (where c.terminal) as completed,
               count(*) filter (where c.open_overdue) as overdue,
               count(*) filter (where c.closed_late) as completed_late,
               round(avg(c.handling_hours), 1) as avg_hours,
               round((percentile_cont(0.9) within group (order by c.handling_hours))::numeric, 1) as p90_hours,
               count(c.satisfied) as rated,
               count(*) filter (where c.satisfied) as satisfied
          from private.cockpit_records(p_unit_id, p_from, p_to) c
         group by grouping sets ((c.child_unit_id, c.service_id), (c.child_unit_id), (c.service_id), ())
      ) g
      left join public.org_units u on u.id = g.child_unit_id
      left join public.services s on s.id = g.service_id
     order by g.child_unit_id nulls first, g.service_id nulls first;
end;
$$;

revoke execute on function public.cockpit_summary(uuid, date, date) from public, anon;
grant execute on function public.cockpit_summary(uuid, date, date) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/public/cockpit_trend.sql
-- The cockpit's trend: the same figures as cockpit_summary's overall row, per Beijing week
-- (starting Monday) or month of filing, for p_unit_id and below, optionally for one service.
-- security invoker over records, refused outside the caller's units (PT403) like the summary.
-- Errors also: cockpit_period_kind_invalid PT400 (p_period other than week / month).
create or replace function public.cockpit_trend(p_unit_id uuid, p_period text default 'month', p_from date default null,
                                                p_to date default null, p_service_id uuid default null)
returns table (period_start date, received bigint, in_progress bigint, completed bigint, overdue bigint,
               completed_late bigint, avg_hours numeric)
language plpgsql stable security invoker set search_path = '' as $$
#variable_conflict use_column
begin
  if p_period is null or p_period not in ('week', 'month') then
    raise exception using errcode = 'PT400', message = 'cockpit_period_kind_invalid',
      detail = jsonb_build_object('period', p_period)::text,
      hint = '周期应为 week 或 month / The period must be week or month';
  end if;
  perform private.check_cockpit_scope(p_unit_id, p_from, p_to);
  return query
    select date_trunc(p_period, c.created_at at time zone 'Asia/Shanghai')::date as period_start,
           count(*),
           count(*) filter (where not c.terminal),
           count(*) filter (where c.terminal),
           count(*) filter (where c.open_overdue),
           count(*) filter (where c.closed_late),
           round(avg(c.handling_hours), 1)
      from private.cockpit_records(p_unit_id, p_from, p_to) c
     where p_service_id is null or c.service_id = p_service_id
     group by 1
     order by 1;
end;
$$;

revoke execute on function public.cockpit_trend(uuid, text, date, date, uuid) from public, anon;
grant execute on function public.cockpit_trend(uuid, text, date, date, uuid) to authenticated, service_role;
-- end routine

-- Hand-written DDL that names the routines (triggers, policies, grants), or nothing.
