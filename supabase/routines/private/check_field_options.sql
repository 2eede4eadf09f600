-- Options a field type (or sub-table column) reads: present options must have the type the
-- validator expects, so a published definition can never make the trigger fail on a cast.
create or replace function private.check_field_options(field jsonb, at text) returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  errors jsonb := '[]';
  kind text := field ->> 'type';
  name text;
  option jsonb;
  i int;
  seen text[] := '{}';
begin
  foreach name in array array['minLength', 'maxLength', 'minItems', 'maxItems', 'maxCount', 'minCount', 'minRows', 'maxRows'] loop
    if field ? name and (jsonb_typeof(field -> name) <> 'number' or (field ->> name)::numeric <> trunc((field ->> name)::numeric)
                         or (field ->> name)::numeric < 0) then
      errors := errors || private.wrong_type(at || '.' || name, 'int');
    end if;
  end loop;
  foreach name in array array['required', 'integer', 'sensitive'] loop
    if field ? name and jsonb_typeof(field -> name) <> 'boolean' then
      errors := errors || private.wrong_type(at || '.' || name, 'boolean');
    end if;
  end loop;
  if kind in ('number', 'money') then
    foreach name in array array['min', 'max'] loop
      if field ? name and jsonb_typeof(field -> name) <> 'number' then
        errors := errors || private.wrong_type(at || '.' || name, 'number');
      end if;
    end loop;
  elsif kind = 'date' then
    foreach name in array array['min', 'max'] loop
      if field ? name and (jsonb_typeof(field -> name) <> 'string'
                           or not (field ->> name = 'today' or private.is_iso_date(field ->> name))) then
        errors := errors || private.definition_error(at || '.' || name, 'date_limit_format');
      end if;
    end loop;
  end if;
  if field ? 'maxSizeMb' and (jsonb_typeof(field -> 'maxSizeMb') <> 'number' or (field ->> 'maxSizeMb')::numeric <= 0) then
    errors := errors || private.wrong_type(at || '.maxSizeMb', 'number');
  end if;
  if field ? 'accept' and (jsonb_typeof(field -> 'accept') <> 'array'
                           or exists (select 1 from jsonb_array_elements(field -> 'accept') a where jsonb_typeof(a) <> 'string')) then
    errors := errors || private.wrong_type(at || '.accept', 'array');
  end if;
  if field ? 'kind' and kind = 'phone' and (field ->> 'kind') is distinct from 'mobile' and (field ->> 'kind') is distinct from 'landline'
     and (field ->> 'kind') is distinct from 'any' then
    errors := errors || private.definition_error(at || '.kind', 'invalid_value', '{"values": "mobile | landline | any"}');
  end if;
  if field ? 'pattern' then
    if jsonb_typeof(field -> 'pattern') <> 'string' then
      errors := errors || private.wrong_type(at || '.pattern', 'string');
    else
      begin
        perform '' ~ (field ->> 'pattern');
      exception when invalid_regular_expression then
        errors := errors || private.definition_error(at || '.pattern', 'pattern_invalid');
      end;
    end if;
  end if;
  if kind in ('select', 'multiselect') then
    if jsonb_typeof(field -> 'options') is distinct from 'array' or jsonb_array_length(field -> 'options') = 0 then
      errors := errors || private.definition_error(at || '.options', 'select_options_min');
    else
      for option, i in select o, (n - 1)::int from jsonb_array_elements(field -> 'options') with ordinality as t(o, n) loop
        if jsonb_typeof(option -> 'value') is distinct from 'string' or option ->> 'value' = '' then
          errors := errors || private.wrong_type(format('%s.options[%s].value', at, i), 'string');
        elsif option ->> 'value' = any (seen) then
          errors := errors || private.definition_error(format('%s.options[%s].value', at, i), 'duplicate_option',
                                                       jsonb_build_object('value', option ->> 'value'));
        else
          seen := seen || (option ->> 'value');
        end if;
      end loop;
    end if;
  end if;
  return errors;
end;
$$;
