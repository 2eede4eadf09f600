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
