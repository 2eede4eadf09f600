-- The end of the p_days-th working day after the day p_from falls on in China (Asia/Shanghai):
-- as for statutory time limits, the starting day is not counted and the last day runs to its
-- end (23:59:59 Beijing time). Holidays and 调休 working weekend days come from work_calendar.
-- Bounded: at most 366 working days.
create or replace function private.add_workdays(p_from timestamptz, p_days int) returns timestamptz
language plpgsql stable set search_path = '' as $$
declare
  day date := (p_from at time zone 'Asia/Shanghai')::date;
  remaining int := least(greatest(p_days, 0), 366);
begin
  while remaining > 0 loop
    day := day + 1;
    if private.is_workday(day) then
      remaining := remaining - 1;
    end if;
  end loop;
  return ((day + 1)::timestamp at time zone 'Asia/Shanghai') - interval '1 second';
end;
$$;

revoke execute on function private.add_workdays(timestamptz, int) from public, anon;
grant execute on function private.add_workdays(timestamptz, int) to authenticated, service_role;
