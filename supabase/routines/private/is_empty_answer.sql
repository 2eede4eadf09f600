-- "No answer": absent (SQL null), JSON null, a blank string (JavaScript trim() whitespace) or [].
create or replace function private.is_empty_answer(answer jsonb) returns boolean
language sql immutable
return case jsonb_typeof(answer)
  when 'null' then true
  when 'string' then (answer #>> '{}') ~ '^[\u0009-\u000d\u0020\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]*$'
  when 'array' then jsonb_array_length(answer) = 0
  else answer is null
end;
