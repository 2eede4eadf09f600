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
