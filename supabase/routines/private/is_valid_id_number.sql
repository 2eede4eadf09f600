-- 18 characters, a real birth date from 1800 to today, the right check character; a
-- lower-case x is accepted. Address codes are not checked (retired codes stay valid).
-- 15-digit numbers are refused: the form upgrades them before saving.
create or replace function private.is_valid_id_number(answer text, today date) returns boolean
language sql immutable
return case
  -- 17 ASCII digits and a digit or X (ltrim with a character set: faster than a regex)
  when length(answer) <> 18 or ltrim(left(answer, 17), '0123456789') <> '' or strpos('0123456789Xx', right(answer, 1)) = 0 then false
  when substr(answer, 7, 4)::int < 1800 then false
  when not private.is_calendar_date(substr(answer, 7, 4)::int, substr(answer, 11, 2)::int, substr(answer, 13, 2)::int) then false
  when make_date(substr(answer, 7, 4)::int, substr(answer, 11, 2)::int, substr(answer, 13, 2)::int) > today then false
  else private.id_number_check_char(answer) = upper(right(answer, 1))
end;
