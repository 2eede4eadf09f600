-- When a record entering p_status at p_from is due, from the state's time limit in the
-- definition: {"hours": n}, {"workdays": n}, or {"byField": key, "values": {answer: limit},
-- "default": limit} choosing by the record's answer (urgency red → 2 h …). A state without a
-- limit (or whose field's answer has none) and a terminal state have no due date. The older
-- "slaHours": n means {"hours": n}.
create or replace function private.record_due_at(p_definition jsonb, p_status text, p_data jsonb, p_from timestamptz) returns timestamptz
language plpgsql stable set search_path = '' as $$
declare
  state jsonb;
  time_limit jsonb;
begin
  select s into state from jsonb_array_elements(coalesce(p_definition #> '{workflow,states}', '[]')) s where s ->> 'key' = p_status;
  if state is null or state -> 'terminal' = 'true'::jsonb then
    return null;
  end if;
  time_limit := coalesce(state -> 'timeLimit', case when state ? 'slaHours' then jsonb_build_object('hours', state -> 'slaHours') end);
  if time_limit ? 'byField' then
    time_limit := coalesce(time_limit -> 'values' -> (p_data ->> (time_limit ->> 'byField')), time_limit -> 'default');
  end if;
  if jsonb_typeof(time_limit) is distinct from 'object' then
    return null;
  elsif jsonb_typeof(time_limit -> 'workdays') = 'number' then
    return private.add_workdays(p_from, (time_limit ->> 'workdays')::numeric::int);
  elsif jsonb_typeof(time_limit -> 'hours') = 'number' then
    return p_from + (time_limit ->> 'hours')::numeric * interval '1 hour';
  end if;
  return null;
end;
$$;

revoke execute on function private.record_due_at(jsonb, text, jsonb, timestamptz) from public, anon;
grant execute on function private.record_due_at(jsonb, text, jsonb, timestamptz) to authenticated, service_role;
