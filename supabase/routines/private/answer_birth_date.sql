-- The birth date an answer states, for derived ages and birth dates: a valid 18-character ID
-- number (as stored: no 15-digit upgrade; a birth date in the future still counts here, the
-- field's own check refuses it) or a date field's answer; else null. The browser asks the field
-- type (birthDate in src/field-types/id_number and date).
create or replace function private.answer_birth_date(field_type text, answer jsonb) returns date
language plpgsql immutable set search_path = '' as $$
declare
  answer_text text := case when jsonb_typeof(answer) = 'string' then answer #>> '{}' end;
begin
  if field_type = 'id_number' and private.is_valid_id_number(answer_text, 'infinity'::date) then
    return make_date(substr(answer_text, 7, 4)::int, substr(answer_text, 11, 2)::int, substr(answer_text, 13, 2)::int);
  elsif field_type = 'date' and private.is_iso_date(answer_text) and left(answer_text, 4) <> '0000' then
    return answer_text::date;
  end if;
  return null;
end;
$$;
