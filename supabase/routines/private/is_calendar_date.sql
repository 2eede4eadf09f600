create or replace function private.is_calendar_date(y int, m int, d int) returns boolean
language sql immutable
return m between 1 and 12 and d >= 1 and d <= case
  when m = 2 then case when (y % 4 = 0 and y % 100 <> 0) or y % 400 = 0 then 29 else 28 end
  when m in (4, 6, 9, 11) then 30
  else 31 end;
