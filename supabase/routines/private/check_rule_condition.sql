-- The definition check's part for a condition on the answers that decides an outcome written
-- elsewhere (a transition's tag write, duplicates.open / held), as src/services/crossCheckTagWrites.ts
-- and crossCheckApplicant.ts check it: an object, operators of rules[], fields that exist and
-- are not sensitive (the stored answer of a sensitive field is its mask, and an outcome decided
-- by it would reveal the masked value, as a transition guard would). `p_controlled` names what
-- the condition decides in the message (the tag, duplicates).
create or replace function private.check_rule_condition(def jsonb, p_condition jsonb, p_at text, p_controlled text) returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  errors jsonb := '[]';
  ref text;
  field jsonb;
begin
  if jsonb_typeof(p_condition) is distinct from 'object' then
    return private.wrong_type(p_at, 'object');
  end if;
  if exists (select 1 from jsonb_path_query(p_condition, 'lax $.**.op') o
              where o #>> '{}' is null or o #>> '{}' not in ('eq', 'neq', 'in', 'nin', 'empty', 'not_empty', 'gt', 'gte', 'lt', 'lte')) then
    errors := errors || private.definition_error(p_at, 'invalid_value', '{"values": "eq | neq | in | nin | empty | not_empty | gt | gte | lt | lte"}');
  end if;
  foreach ref in array (select coalesce(array_agg(distinct k), '{}') from unnest(private.condition_field_keys(p_condition)) k) loop
    select f into field from jsonb_array_elements(case when jsonb_typeof(def -> 'fields') = 'array' then def -> 'fields' else '[]' end) f
     where jsonb_typeof(f) = 'object' and f ->> 'key' = ref;
    if field is null then
      errors := errors || private.definition_error(p_at, 'unknown_field_ref', jsonb_build_object('field', coalesce(ref, '')));
    elsif field -> 'sensitive' = 'true'::jsonb then
      errors := errors || private.definition_error(p_at, 'sensitive_controls_field',
        jsonb_build_object('field', ref, 'controlled', p_controlled, 'condition', 'when'));
    end if;
  end loop;
  return errors;
end;
$$;

revoke execute on function private.check_rule_condition(jsonb, jsonb, text, text) from public, anon;
grant execute on function private.check_rule_condition(jsonb, jsonb, text, text) to authenticated, service_role;
