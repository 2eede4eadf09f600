-- The definition's eligibility[] rules the person fails, as record issues {field, code: 'rule',
-- params: {message, message_en}} (src/services/eligibilityIssues.ts eligibilityIssues): a rule whose
-- `when` does not hold on the answers is skipped, and so is one reading an unknown age.
create or replace function private.eligibility_issues(definition jsonb, data jsonb, facts jsonb, today date) returns jsonb
language plpgsql immutable set search_path = '' as $$
declare
  rule jsonb;
  issues jsonb := '[]';
begin
  for rule in select jsonb_array_elements(case when jsonb_typeof(definition -> 'eligibility') = 'array' then definition -> 'eligibility' else '[]' end) loop
    continue when jsonb_typeof(rule -> 'when') = 'object' and not private.condition_holds(rule -> 'when', data, today);
    continue when jsonb_typeof(facts -> 'age') is distinct from 'number' and jsonb_path_exists(rule -> 'require', 'lax $.** ? (@.resident == "age")');
    continue when private.eligibility_holds(rule -> 'require', data, facts, today);
    issues := issues || jsonb_build_object('field', coalesce(rule ->> 'field', ''), 'code', 'rule',
      'params', jsonb_build_object('message', rule ->> 'message', 'message_en', coalesce(rule ->> 'message_en', rule ->> 'message')));
  end loop;
  return issues;
end;
$$;
