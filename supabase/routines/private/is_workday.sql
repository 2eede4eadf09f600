-- Is this calendar day a working day? The work calendar decides where it has an entry (a public
-- holiday on a weekday, a 调休 working Saturday or Sunday); otherwise Monday to Friday.
-- security definer: triggers computing deadlines run as the caller, whose reads of
-- work_calendar are subject to its policy (members only).
create or replace function private.is_workday(p_day date) returns boolean
language sql stable security definer set search_path = '' as $$
  select coalesce((select c.kind = 'workday' from public.work_calendar c where c.day = p_day), extract(isodow from p_day) < 6)
$$;

revoke execute on function private.is_workday(date) from public, anon;
grant execute on function private.is_workday(date) to authenticated, service_role;
