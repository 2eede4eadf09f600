-- An answer sent back exactly as stored (masked) keeps its raw value; anything else sent is a
-- new raw answer. p_stored_masked / p_stored_raw are the record's current data and raw answers.
create or replace function private.restore_kept_answers(p_fields jsonb, p_sent jsonb, p_stored_masked jsonb, p_stored_raw jsonb) returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  field_key text;
  restored jsonb := p_sent;
begin
  if jsonb_typeof(p_sent) is distinct from 'object' then
    return p_sent;
  end if;
  for i in 0 .. jsonb_array_length(p_fields) - 1 loop
    field_key := p_fields -> i ->> 'key';
    if p_sent ? field_key and p_stored_raw ? field_key and p_sent -> field_key = p_stored_masked -> field_key then
      restored := restored || jsonb_build_object(field_key, p_stored_raw -> field_key);
    end if;
  end loop;
  return restored;
end;
$$;
