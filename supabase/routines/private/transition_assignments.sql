-- The answers a transition writes itself (its `set`): a constant, the acting user's id, now (a
-- date field gets today's date in China, a date-time field the instant), or the escalation
-- target's level (through `map` when given, e.g. street → "l3_street"; a level the map does not
-- name sets nothing). Merged into the data by
-- transition_record before validation, so they obey the same field rules as typed answers.
create or replace function private.transition_assignments(definition jsonb, transition jsonb, target_unit uuid) returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  assignment jsonb;
  out jsonb := '{}';
  field_type text;
  level text;
  value jsonb;
begin
  for assignment in select a from jsonb_array_elements(coalesce(transition -> 'set', '[]')) a loop
    select f ->> 'type' into field_type from jsonb_array_elements(definition -> 'fields') f where f ->> 'key' = assignment ->> 'field';
    value := case assignment ->> 'from'
      when 'current_user' then to_jsonb((select auth.uid())::text)
      -- as fill_record_defaults writes now / today
      when 'now' then case when field_type = 'date' then to_jsonb(to_char(private.local_today(), 'YYYY-MM-DD'))
                           else to_jsonb(to_char(now() at time zone 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS') || '+08:00') end
      when 'target_level' then null
      else assignment -> 'value' end;
    if assignment ->> 'from' = 'target_level' then
      select u.level into level from public.org_units u where u.id = target_unit;
      -- a map that does not name this level leaves the field as it is
      continue when assignment ? 'map' and not assignment -> 'map' ? level;
      value := coalesce(assignment #> array['map', level], to_jsonb(level));
    end if;
    out := out || jsonb_build_object(assignment ->> 'field', value);
  end loop;
  return out;
end;
$$;

revoke execute on function private.transition_assignments(jsonb, jsonb, uuid) from public, anon;
grant execute on function private.transition_assignments(jsonb, jsonb, uuid) to authenticated, service_role;
