-- The answers with every derived field (`derive`) recomputed from its sources, as
-- src/services/deriveValues.ts computes them: what the client sent for a derived field is
-- replaced, or removed when the sources give no value, so a forged age never reaches a record.
-- `today` is the date of the write. Derived fields may read derived fields: one pass per derived
-- field settles any chain (cycles are refused by check_service_definition). Sensitive ID
-- numbers are read raw: the trigger derives before it masks.
create or replace function private.derive_record_values(definition jsonb, data jsonb, today date) returns jsonb
language plpgsql immutable set search_path = '' as $$
declare
  derived jsonb := coalesce(jsonb_path_query_array(definition, '$.fields[*] ? (@.derive.type() == "object")'), '[]');
  types jsonb;
  result jsonb;
  field jsonb;
  spec jsonb;
  value jsonb;
  birth date;
  source_key text;
  total numeric;
  answered int;
  a jsonb;
  b jsonb;
begin
  if jsonb_typeof(data) is distinct from 'object' or jsonb_array_length(derived) = 0 then
    return data;
  end if;
  select coalesce(jsonb_object_agg(f ->> 'key', f ->> 'type'), '{}') into types from jsonb_array_elements(definition -> 'fields') f;
  result := data - array(select f ->> 'key' from jsonb_array_elements(derived) f);
  for pass in 1 .. jsonb_array_length(derived) loop
    for field in select jsonb_array_elements(derived) loop
      spec := field -> 'derive';
      source_key := spec ->> 'from';
      value := null;
      case spec ->> 'fn'
        when 'birth_date' then
          birth := private.answer_birth_date(types ->> source_key, result -> source_key);
          value := to_jsonb(to_char(birth, 'YYYY-MM-DD'));
        when 'sex' then
          if types ->> source_key = 'id_number' and private.answer_birth_date('id_number', result -> source_key) is not null then
            value := case when substr(result ->> source_key, 17, 1)::int % 2 = 1 then '"male"' else '"female"' end;
          end if;
        when 'age' then
          birth := private.answer_birth_date(types ->> source_key, result -> source_key);
          if birth <= today then
            value := to_jsonb(extract(year from today)::int - extract(year from birth)::int
                              - case when to_char(today, 'MM-DD') < to_char(birth, 'MM-DD') then 1 else 0 end);
          end if;
        when 'sum' then
          select sum((result -> k)::numeric), count(*) into total, answered
            from jsonb_array_elements_text(spec -> 'of') k where jsonb_typeof(result -> k) = 'number';
          if answered > 0 then
            value := to_jsonb(trim_scale(round(total, 6)));
          end if;
        when 'difference' then
          a := result -> (spec #>> '{of,0}');
          b := result -> (spec #>> '{of,1}');
          if jsonb_typeof(a) = 'number' and jsonb_typeof(b) = 'number' then
            value := to_jsonb(trim_scale(round(a::numeric - b::numeric, 6)));
          end if;
        when 'days_between' then
          a := result -> source_key;
          b := result -> (spec ->> 'to');
          if jsonb_typeof(a) = 'string' and jsonb_typeof(b) = 'string' and private.is_iso_date(a #>> '{}') and private.is_iso_date(b #>> '{}')
             and left(a #>> '{}', 4) <> '0000' and left(b #>> '{}', 4) <> '0000' then
            value := to_jsonb((b #>> '{}')::date - (a #>> '{}')::date);
          end if;
        else
          value := null;
      end case;
      result := case when value is null then result - (field ->> 'key') else result || jsonb_build_object(field ->> 'key', value) end;
    end loop;
  end loop;
  return result;
end;
$$;
