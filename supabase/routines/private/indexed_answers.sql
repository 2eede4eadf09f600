-- Every index slot column of a record, from its answers and its service's map field key → column
-- (indexed_field_columns): the mapped ones hold the answer (text, or a number for idx_num_*),
-- all others null, so nothing a client sent in a slot survives. For jsonb_populate_record.
create or replace function private.indexed_answers(p_data jsonb, p_columns jsonb) returns jsonb
language sql immutable set search_path = '' as $$
  select '{"idx_text_1": null, "idx_text_2": null, "idx_text_3": null, "idx_text_4": null, "idx_text_5": null,
           "idx_text_6": null, "idx_num_1": null, "idx_num_2": null}'::jsonb
         || coalesce(jsonb_object_agg(m.col,
              case when m.col like 'idx_num_%' then case when jsonb_typeof(p_data -> m.key) = 'number' then p_data -> m.key end
                   else to_jsonb(p_data ->> m.key) end), '{}'::jsonb)
    from jsonb_each_text(coalesce(p_columns, '{}'::jsonb)) m(key, col)
$$;

comment on function private.indexed_answers(jsonb, jsonb) is 'The values of records'' index slot columns for these answers and this service''s field → column map; unmapped slots null.';
