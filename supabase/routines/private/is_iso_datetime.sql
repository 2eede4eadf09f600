-- ISO 8601 with an explicit offset, as timestamptz reads unambiguously.
create or replace function private.is_iso_datetime(answer text) returns boolean
language sql immutable
return case when answer ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?(Z|[+-]([01][0-9]|2[0-3]):?[0-5][0-9])$'
  then private.is_calendar_date(substr(answer, 1, 4)::int, substr(answer, 6, 2)::int, substr(answer, 9, 2)::int)
  else false end;
