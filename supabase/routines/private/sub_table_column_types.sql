-- Sub-table cells hold scalars only (src/field-types/sub_table/definition.ts).
create or replace function private.sub_table_column_types() returns text[]
language sql immutable
return array['text', 'textarea', 'number', 'money', 'date', 'boolean', 'select', 'id_number', 'phone'];
