-- A JSON number as the browser sees it: a double. Beyond the double range JSON.parse gives
-- ±Infinity (which the client rejects as "not finite") or 0.
create or replace function private.json_double(answer jsonb) returns float8
language sql immutable
return case
  when abs(answer::numeric) > 1.7976931348623157e308 then case when answer::numeric > 0 then 'Infinity'::float8 else '-Infinity'::float8 end
  when abs(answer::numeric) < 1e-320 then 0::float8
  else answer::numeric::float8
end;
