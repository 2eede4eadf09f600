-- "No answer": absent (SQL null), JSON null, [], or a string made only of whitespace and
-- invisible characters — the class of private.tidy_text and src/contract/empty-answer.ts
-- (JavaScript trim()'s whitespace, U+0085, zero-width spaces and joiners, BOM, soft hyphen, bidi
-- marks, variation selectors, Hangul fillers …); the validation corpus (required.json) pins the
-- browser and the database to the same verdicts. It decides required fields, the empty/not_empty
-- conditions, masking of empty answers and required comments.
create or replace function private.is_empty_answer(answer jsonb) returns boolean
language sql immutable
return case jsonb_typeof(answer)
  when 'null' then true
  when 'string' then (answer #>> '{}') ~ '^[\u0009-\u000d\u0020\u0085\u00a0\u00ad\u034f\u061c\u115f\u1160\u1680\u17b4\u17b5\u180b-\u180f\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb]*$'
  when 'array' then jsonb_array_length(answer) = 0
  else answer is null
end;
