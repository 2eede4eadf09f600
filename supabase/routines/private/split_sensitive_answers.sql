-- Splits checked data into what records.data stores (masked) and the raw sensitive answers.
-- A loop over the few sensitive fields with operators: no query, it runs on every insert.
create or replace function private.split_sensitive_answers(p_fields jsonb, p_data jsonb, out masked jsonb, out raw jsonb)
language plpgsql stable set search_path = '' as $$
declare
  field jsonb;
  field_key text;
begin
  masked := p_data;
  raw := '{}';
  for i in 0 .. jsonb_array_length(p_fields) - 1 loop
    field := p_fields -> i;
    field_key := field ->> 'key';
    continue when not p_data ? field_key;
    raw := raw || jsonb_build_object(field_key, p_data -> field_key);
    masked := masked || jsonb_build_object(field_key, private.mask_answer(field, p_data -> field_key));
  end loop;
end;
$$;
