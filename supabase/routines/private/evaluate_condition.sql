-- One condition `{field, op, value}` against the controller's answer (SQL null when the
-- answer is absent or its field is hidden). Same semantics as src/services/conditions.ts:
-- eq compares strictly (JavaScript ===) and on an array answer means "contains"; `eq null`
-- means empty; in / nin: one of the listed values, for an array any element; gt / gte / lt /
-- lte compare two numbers or two strings, any other pairing is false.
create or replace function private.evaluate_condition(condition jsonb, actual jsonb) returns boolean
language plpgsql immutable set search_path = '' as $$
declare
  op text := condition ->> 'op';
  expected jsonb := condition -> 'value';
  candidate jsonb;
  hit boolean := false;
begin
  if op = 'empty' then
    return private.is_empty_answer(actual);
  elsif op = 'not_empty' then
    return not private.is_empty_answer(actual);
  elsif op in ('eq', 'neq', 'in', 'nin') then
    for i in 0 .. case when jsonb_typeof(actual) = 'array' then jsonb_array_length(actual) - 1 else 0 end loop
      candidate := case when jsonb_typeof(actual) = 'array' then actual -> i else actual end;
      hit := case
        when op in ('in', 'nin') then
          candidate is not null and jsonb_typeof(expected) = 'array' and jsonb_typeof(candidate) not in ('array', 'object')
          and expected @> jsonb_build_array(candidate)
        when expected is null then candidate is null
        when expected = 'null'::jsonb then private.is_empty_answer(candidate)
        else coalesce(candidate = expected, false) end;
      exit when hit;
    end loop;
    return case when op in ('eq', 'in') then hit else not hit end;
  elsif jsonb_typeof(actual) = 'number' and jsonb_typeof(expected) = 'number' then
    return case op
      when 'gt' then private.json_double(actual) > private.json_double(expected)
      when 'gte' then private.json_double(actual) >= private.json_double(expected)
      when 'lt' then private.json_double(actual) < private.json_double(expected)
      when 'lte' then private.json_double(actual) <= private.json_double(expected)
      else false end;
  elsif jsonb_typeof(actual) = 'string' and jsonb_typeof(expected) = 'string' then
    return case op
      when 'gt' then (actual #>> '{}') collate "C" > (expected #>> '{}') collate "C"
      when 'gte' then (actual #>> '{}') collate "C" >= (expected #>> '{}') collate "C"
      when 'lt' then (actual #>> '{}') collate "C" < (expected #>> '{}') collate "C"
      when 'lte' then (actual #>> '{}') collate "C" <= (expected #>> '{}') collate "C"
      else false end;
  end if;
  return false;
end;
$$;
