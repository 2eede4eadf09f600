create or replace function private.is_iso_date(answer text) returns boolean
language sql immutable
return case when answer ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'
  then private.is_calendar_date(substr(answer, 1, 4)::int, substr(answer, 6, 2)::int, substr(answer, 9, 2)::int)
  else false end;
