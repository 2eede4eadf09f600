-- The problems in an object of answers, given the fields shown (computed once by the caller):
-- per shown field, in form order, either "required" or its type's first problem; then keys
-- that are not fields.
create or replace function private.record_data_issues(definition jsonb, data jsonb, visible jsonb, today date) returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  fields jsonb := definition -> 'fields';
  field_keys jsonb := jsonb_path_query_array(definition, '$.fields[*].key');
  issues jsonb := '[]';
  field jsonb;
  field_key text;
  answer jsonb;
  condition jsonb;
  issue jsonb;
begin
  for i in 0 .. jsonb_array_length(fields) - 1 loop
    field := fields -> i;
    field_key := field ->> 'key';
    continue when not visible ? field_key;
    answer := data -> field_key;
    if private.is_empty_answer(answer) then
      condition := field -> 'requiredWhen';
      if field -> 'required' = 'true'::jsonb
         or (jsonb_typeof(condition) = 'object' and private.evaluate_condition(condition,
               case when visible ? (condition ->> 'field') then data -> (condition ->> 'field') end)) then
        issues := issues || jsonb_build_object('field', field_key, 'code', 'required', 'params', '{}'::jsonb);
      end if;
      continue;
    end if;
    issue := private.field_value_issue(field, answer, today);
    if issue is not null then
      issues := issues || jsonb_build_object('field', field_key || coalesce(issue ->> 'subPath', ''),
                                             'code', issue ->> 'code', 'params', coalesce(issue -> 'params', '{}'::jsonb));
    end if;
  end loop;
  -- last, so the first issue (the error's hint) names a field of the form
  if exists (select 1 from jsonb_object_keys(data) k where not field_keys ? k) then
    issues := issues || (select jsonb_agg(jsonb_build_object('field', k, 'code', 'unknown_field', 'params', '{}'::jsonb))
                           from jsonb_object_keys(data) k where not field_keys ? k);
  end if;
  return issues;
end;
$$;
