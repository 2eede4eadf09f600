-- An eligibility condition (all / any / not over leaves) on the answers and the person's facts
-- (private.resident_facts), as src/services/eligibilityIssues.ts eligibilityHolds decides it: a leaf
-- `{resident: "age" | "tags", op, value}` compares that fact by private.evaluate_condition (tags
-- is a list: eq = has the tag, in = has one of them), any other leaf is a rule leaf on the
-- answers (private.condition_holds).
create or replace function private.eligibility_holds(condition jsonb, data jsonb, facts jsonb, today date) returns boolean
language plpgsql immutable set search_path = '' as $$
declare
  part jsonb;
begin
  if condition ? 'all' then
    for part in select jsonb_array_elements(condition -> 'all') loop
      if not private.eligibility_holds(part, data, facts, today) then
        return false;
      end if;
    end loop;
    return true;
  elsif condition ? 'any' then
    for part in select jsonb_array_elements(condition -> 'any') loop
      if private.eligibility_holds(part, data, facts, today) then
        return true;
      end if;
    end loop;
    return false;
  elsif condition ? 'not' then
    return not private.eligibility_holds(condition -> 'not', data, facts, today);
  elsif condition ? 'resident' then
    return private.evaluate_condition(condition, facts -> (condition ->> 'resident'));
  end if;
  return private.condition_holds(condition, data, today);
end;
$$;
