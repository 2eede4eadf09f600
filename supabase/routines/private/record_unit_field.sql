-- The key of the definition's record-unit field (an org_unit field with `recordUnit: true`):
-- its answer is the record's unit, set on insert and kept for the record's life. Null if none.
-- plpgsql for its cached plan: a sql function with `set search_path` is planned again on every
-- insert trigger that calls it (see canonical_phone).
create or replace function private.record_unit_field(p_definition jsonb) returns text
language plpgsql immutable set search_path = '' as $$
begin
  return (select f ->> 'key' from jsonb_array_elements(p_definition -> 'fields') f where f -> 'recordUnit' = 'true'::jsonb limit 1);
end;
$$;
