-- The fields a rule condition reads, in reading order (a leaf's field, then its valueFrom),
-- as src/services/conditions.ts conditionFieldKeys lists them: a rule's issue is shown at the
-- first field its `require` reads, and a rule reading a field with its own problem is skipped.
create or replace function private.condition_field_keys(condition jsonb) returns text[]
language plpgsql immutable set search_path = '' as $$
declare
  keys text[] := '{}';
  part jsonb;
begin
  if jsonb_typeof(condition) is distinct from 'object' then
    return keys;
  elsif condition ? 'all' or condition ? 'any' then
    for part in select jsonb_array_elements(coalesce(condition -> 'all', condition -> 'any')) loop
      keys := keys || private.condition_field_keys(part);
    end loop;
    return keys;
  elsif condition ? 'not' then
    return private.condition_field_keys(condition -> 'not');
  end if;
  keys := array[condition ->> 'field'];
  if condition ? 'valueFrom' then
    keys := keys || (condition ->> 'valueFrom');
  end if;
  return keys;
end;
$$;
