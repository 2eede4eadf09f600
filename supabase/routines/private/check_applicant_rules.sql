-- The definition's eligibility[] and duplicates, as src/services/applicantSchema.ts and
-- crossCheckApplicant.ts accept them: rules with a require condition and a message, person
-- leaves {resident: age (eq … lte, a number) | tags (eq, neq: a tag; in, nin: a list of tags)}
-- whose tags name kinds of public.resident_tag_kinds (the one check the browser cannot make),
-- answer leaves on fields that exist; duplicates.match on fields that exist, open / held.action
-- warn | refuse (open also {action, when?, otherwise?}, held with when? / otherwise?:
-- private.check_duplicate_action), held.states terminal states. Called by private.check_service_definition.
create or replace function private.check_applicant_rules(def jsonb) returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  errors jsonb := '[]';
  rule jsonb;
  leaf jsonb;
  i int;
  at text;
  ref text;
  field_keys text[];
  terminal_keys text[];
  tag_values text[];
begin
  select coalesce(array_agg(f ->> 'key'), '{}') into field_keys
    from jsonb_array_elements(case when jsonb_typeof(def -> 'fields') = 'array' then def -> 'fields' else '[]' end) f;
  if def ? 'eligibility' and jsonb_typeof(def -> 'eligibility') <> 'array' then
    errors := errors || private.wrong_type('eligibility', 'array');
  else
    for rule, i in select r, (n - 1)::int from jsonb_array_elements(coalesce(def -> 'eligibility', '[]')) with ordinality as t(r, n) loop
      at := format('eligibility[%s]', i);
      if jsonb_typeof(rule) <> 'object' or jsonb_typeof(rule -> 'require') <> 'object' then
        errors := errors || private.definition_error(at || '.require', 'required');
        continue;
      end if;
      if jsonb_typeof(rule -> 'message') is distinct from 'string' or private.is_empty_answer(rule -> 'message') then
        errors := errors || private.definition_error(at || '.message', 'required');
      end if;
      if exists (select 1 from jsonb_path_query(rule, 'lax $.**.op') o
                  where o #>> '{}' is null or o #>> '{}' not in ('eq', 'neq', 'in', 'nin', 'empty', 'not_empty', 'gt', 'gte', 'lt', 'lte')) then
        errors := errors || private.definition_error(at || '.require', 'invalid_value',
          '{"values": "eq | neq | in | nin | empty | not_empty | gt | gte | lt | lte"}');
      end if;
      for leaf in select l from jsonb_path_query(rule -> 'require', 'strict $.** ? (exists (@.resident))') l loop
        if leaf ->> 'resident' = 'age' then
          if coalesce(leaf ->> 'op', '') not in ('eq', 'neq', 'gt', 'gte', 'lt', 'lte') or jsonb_typeof(leaf -> 'value') is distinct from 'number' then
            errors := errors || private.definition_error(at || '.require', 'invalid_value', '{"values": "age: eq | neq | gt | gte | lt | lte, a number"}');
          end if;
        elsif leaf ->> 'resident' = 'tags' then
          tag_values := case
            when leaf ->> 'op' in ('eq', 'neq') and jsonb_typeof(leaf -> 'value') = 'string' then array[leaf ->> 'value']
            when leaf ->> 'op' in ('in', 'nin') and jsonb_typeof(leaf -> 'value') = 'array'
             and jsonb_array_length(case when jsonb_typeof(leaf -> 'value') = 'array' then leaf -> 'value' else '[]' end) > 0
             and not exists (select 1 from jsonb_array_elements(case when jsonb_typeof(leaf -> 'value') = 'array' then leaf -> 'value' else '[]' end) v
                              where jsonb_typeof(v) <> 'string')
              then array(select jsonb_array_elements_text(case when jsonb_typeof(leaf -> 'value') = 'array' then leaf -> 'value' else '[]' end)) end;
          if tag_values is null then
            errors := errors || private.definition_error(at || '.require', 'invalid_value', '{"values": "tags: eq | neq a tag, in | nin a list of tags"}');
          else
            foreach ref in array tag_values loop
              if not exists (select 1 from public.resident_tag_kinds k where k.key = ref) then
                errors := errors || private.definition_error(at || '.require', 'invalid_value',
                  jsonb_build_object('values', (select string_agg(k.key, ' | ' order by k.sort_order) from public.resident_tag_kinds k)));
              end if;
            end loop;
          end if;
        else
          errors := errors || private.definition_error(at || '.require', 'invalid_value', '{"values": "age | tags"}');
        end if;
      end loop;
      foreach ref in array private.condition_field_keys(rule -> 'when')
                           || array(select l ->> 'field' from jsonb_path_query(rule -> 'require', 'strict $.** ? (exists (@.field))') l)
                           || array(select l ->> 'valueFrom' from jsonb_path_query(rule -> 'require', 'strict $.** ? (exists (@.valueFrom))') l)
                           || case when rule ? 'field' then array[rule ->> 'field'] else '{}' end loop
        if not coalesce(ref, '') = any (field_keys) then
          errors := errors || private.definition_error(at, 'unknown_field_ref', jsonb_build_object('field', coalesce(ref, '')));
        end if;
      end loop;
    end loop;
  end if;

  if def ? 'duplicates' then
    if jsonb_typeof(def -> 'duplicates') <> 'object' then
      return errors || private.wrong_type('duplicates', 'object');
    end if;
    for ref, i in select m, (n - 1)::int from jsonb_array_elements_text(
        case when jsonb_typeof(def #> '{duplicates,match}') = 'array' then def #> '{duplicates,match}' else '[]' end) with ordinality as t(m, n) loop
      if not ref = any (field_keys) then
        errors := errors || private.definition_error(format('duplicates.match[%s]', i), 'unknown_field_ref', jsonb_build_object('field', ref));
      end if;
    end loop;
    if jsonb_typeof(def #> '{duplicates,open}') = 'object' then
      errors := errors || private.check_duplicate_action(def, 'open', array['action', 'when', 'otherwise']);
    elsif def -> 'duplicates' ? 'open' and def #>> '{duplicates,open}' is distinct from 'warn' and def #>> '{duplicates,open}' is distinct from 'refuse' then
      errors := errors || private.definition_error('duplicates.open', 'invalid_value', '{"values": "warn | refuse"}');
    end if;
    if def -> 'duplicates' ? 'held' then
      errors := errors || private.check_duplicate_action(def, 'held', array['states', 'action', 'when', 'otherwise']);
      select coalesce(array_agg(s ->> 'key'), '{}') into terminal_keys
        from jsonb_array_elements(case when jsonb_typeof(def #> '{workflow,states}') = 'array' then def #> '{workflow,states}' else '[]' end) s
       where s -> 'terminal' = 'true'::jsonb;
      if jsonb_typeof(def #> '{duplicates,held,states}') is distinct from 'array' or jsonb_array_length(def #> '{duplicates,held,states}') = 0 then
        errors := errors || private.definition_error('duplicates.held.states', 'too_few', '{"minimum": 1}');
      else
        for ref, i in select s, (n - 1)::int from jsonb_array_elements_text(def #> '{duplicates,held,states}') with ordinality as t(s, n) loop
          if not ref = any (terminal_keys) then
            errors := errors || private.definition_error(format('duplicates.held.states[%s]', i), 'invalid_value',
              jsonb_build_object('values', array_to_string(terminal_keys, ' | ')));
          end if;
        end loop;
      end if;
    end if;
  end if;
  return errors;
end;
$$;
