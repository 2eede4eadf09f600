-- The field types this validator knows. A type added to src/field-types/registry.ts needs a
-- branch in private.field_value_issue and an entry here (tests/db/engine-validation checks).
create or replace function private.record_field_types() returns text[]
language sql immutable
return array['text', 'textarea', 'number', 'money', 'date', 'datetime', 'boolean', 'select', 'multiselect',
             'id_number', 'phone', 'org_unit', 'user', 'resident', 'attachment', 'image', 'sub_table'];
