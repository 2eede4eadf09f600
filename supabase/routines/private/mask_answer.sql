-- One answer of a sensitive field. Empty answers stay empty (there is nothing to hide and the
-- form needs to know). Text keeps the visible parts mask.ts keeps (ID numbers: mask_id_number).
-- Answers drawn from a short list (choices, yes/no) or not text at all (numbers, lists, files,
-- rows) become "***": a partial mask of an option key would still name the option.
-- (stable, not immutable: to_jsonb is stable, and an immutable function with a stable body is
-- not inlined — it then costs ten times as much on every insert)
create or replace function private.mask_answer(field jsonb, answer jsonb) returns jsonb
language sql stable
return case
  when private.is_empty_answer(answer) then answer
  when jsonb_typeof(answer) <> 'string' or field ->> 'type' in ('select', 'multiselect', 'boolean') then '"***"'::jsonb
  when field ->> 'type' = 'id_number' then to_jsonb(private.mask_id_number(answer #>> '{}'))
  when field ->> 'type' = 'phone' then to_jsonb(private.mask_phone(answer #>> '{}'))
  else to_jsonb(private.mask_generic(answer #>> '{}'))
end;
