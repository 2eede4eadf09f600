-- A rule condition (all / any / not over leaves) against an object of answers, as
-- src/services/conditions.ts conditionHolds decides it. A leaf compares its field's answer by
-- private.evaluate_condition with a constant, with `today` ({ "today": true }, YYYY-MM-DD) or
-- with another field's answer (valueFrom; an empty one compares like null, a list never).
create or replace function private.condition_holds(condition jsonb, data jsonb, today date) returns boolean
language plpgsql immutable set search_path = '' as $$
declare
  part jsonb;
  other jsonb;
  expected jsonb;
begin
  if condition ? 'all' then
    for part in select jsonb_array_elements(condition -> 'all') loop
      if not private.condition_holds(part, data, today) then
        return false;
      end if;
    end loop;
    return true;
  elsif condition ? 'any' then
    for part in select jsonb_array_elements(condition -> 'any') loop
      if private.condition_holds(part, data, today) then
        return true;
      end if;
    end loop;
    return false;
  elsif condition ? 'not' then
    return not private.condition_holds(condition -> 'not', data, today);
  end if;
  if condition ? 'valueFrom' then
    other := data -> (condition ->> 'valueFrom');
    if private.is_empty_answer(other) then
      expected := 'null';
    elsif jsonb_typeof(other) in ('array', 'object') then
      return false;
    else
      expected := other;
    end if;
  elsif jsonb_typeof(condition -> 'value') = 'object' and condition #> '{value,today}' = 'true'::jsonb then
    expected := to_jsonb(to_char(today, 'YYYY-MM-DD'));
  else
    expected := condition -> 'value';
  end if;
  return private.evaluate_condition(jsonb_build_object('op', condition ->> 'op')
                                      || case when expected is null then '{}' else jsonb_build_object('value', expected) end,
                                    data -> (condition ->> 'field'));
end;
$$;
