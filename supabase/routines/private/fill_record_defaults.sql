-- On insert, a field's `default` fills an answer the client left empty (the create form
-- pre-fills the same values): a constant as written, { "currentUser": true } the inserting user,
-- { "now": true } the current time in China (ISO 8601 with +08:00), { "today": true } today's
-- date there. Derived fields have no default (check_derived_fields). Hidden fields filled here
-- are dropped by checked_record_data like any hidden answer. A field staged to transitions is
-- not an intake answer: its default is filled by its transition (transition_record passes its
-- own fields without `stage`).
create or replace function private.fill_record_defaults(definition jsonb, data jsonb) returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  field jsonb;
  given jsonb;
  value jsonb;
begin
  if jsonb_typeof(data) is distinct from 'object' then
    return data;
  end if;
  for field in select f from jsonb_array_elements(definition -> 'fields') f where f ? 'default' and jsonb_typeof(f -> 'stage') is distinct from 'array' loop
    continue when not private.is_empty_answer(data -> (field ->> 'key'));
    given := field -> 'default';
    value := case
      when given = '{"currentUser": true}' then to_jsonb((select auth.uid())::text)
      when given = '{"now": true}' then to_jsonb(to_char(now() at time zone 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS') || '+08:00')
      when given = '{"today": true}' then to_jsonb(to_char(private.local_today(), 'YYYY-MM-DD'))
      when jsonb_typeof(given) = 'object' then null
      else given end;
    if value is not null then
      data := data || jsonb_build_object(field ->> 'key', value);
    end if;
  end loop;
  return data;
end;
$$;
