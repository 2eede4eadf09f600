-- The definition check of duplicates.open written as an object, or of duplicates.held
-- (src/services/applicantSchema.ts): only the keys `p_keys`, `action` warn | refuse, `otherwise`
-- warn | refuse when given, `when` a condition on non-sensitive answers (private.check_rule_condition).
-- Called by private.check_applicant_rules.
create or replace function private.check_duplicate_action(def jsonb, p_kind text, p_keys text[]) returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  entry jsonb := def -> 'duplicates' -> p_kind;
  at text := 'duplicates.' || p_kind;
  errors jsonb := '[]';
  unknown text;
begin
  if jsonb_typeof(entry) is distinct from 'object' then
    return private.wrong_type(at, 'object');
  end if;
  select k into unknown from jsonb_object_keys(entry) k where not k = any (p_keys) limit 1;
  if unknown is not null then
    errors := errors || private.definition_error(at, 'unknown_property', jsonb_build_object('key', unknown));
  end if;
  if coalesce(entry ->> 'action', '') not in ('warn', 'refuse') then
    errors := errors || private.definition_error(at || '.action', 'invalid_value', '{"values": "warn | refuse"}');
  end if;
  if entry ? 'otherwise' and coalesce(entry ->> 'otherwise', '') not in ('warn', 'refuse') then
    errors := errors || private.definition_error(at || '.otherwise', 'invalid_value', '{"values": "warn | refuse"}');
  end if;
  if entry ? 'when' then
    errors := errors || private.check_rule_condition(def, entry -> 'when', at || '.when', 'duplicates');
  end if;
  return errors;
end;
$$;

revoke execute on function private.check_duplicate_action(jsonb, text, text[]) from public, anon;
grant execute on function private.check_duplicate_action(jsonb, text, text[]) to authenticated, service_role;
