-- A history diff {field: [old, new]} with the sensitive fields' values masked.
create or replace function private.mask_diff(p_fields jsonb, p_diff jsonb) returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  field jsonb;
  masked jsonb := p_diff;
begin
  for i in 0 .. jsonb_array_length(p_fields) - 1 loop
    field := p_fields -> i;
    continue when not p_diff ? (field ->> 'key');
    masked := masked || jsonb_build_object(field ->> 'key', jsonb_build_array(
      private.mask_answer(field, p_diff -> (field ->> 'key') -> 0), private.mask_answer(field, p_diff -> (field ->> 'key') -> 1)));
  end loop;
  return masked;
end;
$$;
