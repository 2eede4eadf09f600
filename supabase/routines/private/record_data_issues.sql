-- The problems in an object of answers (derived values already computed), given the fields
-- shown (computed once by the caller): per shown field, in form order, either "required" or its
-- type's first problem (an empty derived field is its sources' problem); then the rules[] in
-- order, each at most once per field and skipped when it reads a field with a problem (as
-- validateRecordData does), on the shown answers only; then keys that are not fields.
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
  rule jsonb;
  shown jsonb;
  troubled text[] := '{}';
  reads text[];
  target text;
  derived jsonb;
begin
  for i in 0 .. jsonb_array_length(fields) - 1 loop
    field := fields -> i;
    field_key := field ->> 'key';
    continue when not visible ? field_key;
    answer := data -> field_key;
    if private.is_empty_answer(answer) then
      condition := field -> 'requiredWhen';
      if field ? 'derive' then
        continue;
      end if;
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
  if jsonb_typeof(definition -> 'rules') = 'array' and jsonb_array_length(definition -> 'rules') > 0 then
    shown := coalesce((select jsonb_object_agg(d.key, d.value) from jsonb_each(data) d where visible ? d.key), '{}');
    troubled := array(select substring(i ->> 'field' from '^[^.\[]*') from jsonb_array_elements(issues) i);
    -- a value derived from a field with a problem is as doubtful as its source
    derived := jsonb_path_query_array(fields, '$[*] ? (@.derive.type() == "object")');
    for pass in 1 .. jsonb_array_length(derived) loop
      for field in select jsonb_array_elements(derived) loop
        if (array_remove(array[field #>> '{derive,from}', field #>> '{derive,to}'], null)
            || array(select jsonb_array_elements_text(field #> '{derive,of}'))) && troubled then
          troubled := troubled || (field ->> 'key');
        end if;
      end loop;
    end loop;
    for rule in select jsonb_array_elements(definition -> 'rules') loop
      reads := private.condition_field_keys(rule -> 'when') || private.condition_field_keys(rule -> 'require');
      target := coalesce(rule ->> 'field', (private.condition_field_keys(rule -> 'require'))[1]);
      continue when reads && troubled or target = any (troubled);
      continue when jsonb_typeof(rule -> 'when') = 'object' and not private.condition_holds(rule -> 'when', shown, today);
      continue when private.condition_holds(rule -> 'require', shown, today);
      troubled := troubled || target;
      issues := issues || jsonb_build_object('field', target, 'code', 'rule',
        'params', jsonb_build_object('message', rule ->> 'message', 'message_en', coalesce(rule ->> 'message_en', rule ->> 'message')));
    end loop;
  end if;
  -- last, so the first issue (the error's hint) names a field of the form
  if exists (select 1 from jsonb_object_keys(data) k where not field_keys ? k) then
    issues := issues || (select jsonb_agg(jsonb_build_object('field', k, 'code', 'unknown_field', 'params', '{}'::jsonb))
                           from jsonb_object_keys(data) k where not field_keys ? k);
  end if;
  return issues;
end;
$$;
