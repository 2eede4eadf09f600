-- "Today" for date limits and birth dates. The product serves Chinese communities and all of
-- China keeps UTC+8, while hosted databases run in UTC: without this, a date entered as today
-- between 00:00 and 08:00 Beijing time would be "in the future".
create or replace function private.local_today() returns date
language sql stable
return (now() at time zone 'Asia/Shanghai')::date;
