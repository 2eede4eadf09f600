-- A record answer made only of whitespace and invisible characters is no answer (issue #7,
-- item 6: "whitespace-only and zero-width-only text is blank"). Before, a required field filled
-- with zero-width spaces passed: is_empty_answer knew only JavaScript trim()'s whitespace.
--
-- Same class as private.tidy_text (20261130050000) and src/contract/empty-answer.ts, which the
-- browser uses; the shared validation corpus (required.json) pins both to the same verdicts.
-- is_empty_answer decides required fields, the empty/not_empty conditions, masking of empty
-- answers and required comments; re-created with its 20261126010000 body, only the class wider.
create or replace function private.is_empty_answer(answer jsonb) returns boolean
language sql immutable
return case jsonb_typeof(answer)
  when 'null' then true
  when 'string' then (answer #>> '{}') ~ '^[\u0009-\u000d\u0020\u0085\u00a0\u00ad\u034f\u061c\u115f\u1160\u1680\u17b4\u17b5\u180b-\u180f\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb]*$'
  when 'array' then jsonb_array_length(answer) = 0
  else answer is null
end;
