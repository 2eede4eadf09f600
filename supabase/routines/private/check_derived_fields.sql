-- check_service_definition's part for derived values, defaults, the record-unit field and
-- rules[] (src/services/crossCheckDerive.ts and ruleSchema.ts): functions and their source and
-- target types, references that exist, no derivation loops, a birth date derived from a
-- sensitive ID number sensitive itself (it would give away the masked digits, see
-- docs/security-model.md), defaults that fit their type, one record-unit org_unit field, the
-- registry attribute a field holds (prefillFrom) known and in a type that can hold it, `reuse`
-- (filled from the person's previous application) a boolean on a field of a definition with a
-- resident field, not on the resident field, derived or prefillFrom fields (files may be: the
-- form copies them into the writer's own uploads), rules
-- with a require condition, known operators, a message and fields that exist. `def -> 'fields'` is an array.
create or replace function private.check_derived_fields(def jsonb) returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  errors jsonb := '[]';
  fields jsonb := def -> 'fields';
  by_key jsonb;
  field jsonb;
  spec jsonb;
  rule jsonb;
  i int;
  at text;
  source_key text;
  sources text[];
  source_types text[];
  target_types text[];
  attribute_types text[];
  fn text;
  settled text[] := '{}';
  pending text[];
  progress boolean := true;
  deps jsonb := '{}';
  key text;
begin
  select coalesce(jsonb_object_agg(f ->> 'key', f), '{}') into by_key
    from jsonb_array_elements(fields) f where jsonb_typeof(f) = 'object' and jsonb_typeof(f -> 'key') = 'string';
  for field, i in select f, (n - 1)::int from jsonb_array_elements(fields) with ordinality as t(f, n) loop
    continue when jsonb_typeof(field) is distinct from 'object';
    at := format('fields[%s]', i);
    if field ? 'derive' then
      spec := field -> 'derive';
      fn := spec ->> 'fn';
      sources := case
        when jsonb_typeof(spec) <> 'object' then null
        when fn in ('birth_date', 'sex', 'age') and jsonb_typeof(spec -> 'from') = 'string' then array[spec ->> 'from']
        when fn = 'sum' and jsonb_typeof(spec -> 'of') = 'array' and jsonb_array_length(spec -> 'of') > 0 then array(select jsonb_array_elements_text(spec -> 'of'))
        when fn = 'difference' and jsonb_typeof(spec -> 'of') = 'array' and jsonb_array_length(spec -> 'of') = 2 then array(select jsonb_array_elements_text(spec -> 'of'))
        when fn = 'days_between' and jsonb_typeof(spec -> 'from') = 'string' and jsonb_typeof(spec -> 'to') = 'string' then array[spec ->> 'from', spec ->> 'to']
      end;
      if sources is null then
        errors := errors || private.definition_error(at || '.derive', 'invalid_value',
          '{"values": "birth_date | sex | age (from) · sum | difference (of) · days_between (from, to)"}');
        continue;
      end if;
      deps := deps || jsonb_build_object(field ->> 'key', to_jsonb(sources));
      select s, t into source_types, target_types from (values
        ('birth_date', array['id_number'], array['date']),
        ('sex', array['id_number'], array['select', 'text']),
        ('age', array['id_number', 'date'], array['number']),
        ('sum', array['number', 'money'], array['number', 'money']),
        ('difference', array['number', 'money'], array['number', 'money']),
        ('days_between', array['date'], array['number'])
      ) as m(f, s, t) where m.f = fn;
      if not (field ->> 'type') = any (target_types) then
        errors := errors || private.definition_error(at || '.type', 'derive_target_type', jsonb_build_object('fn', fn, 'type', field ->> 'type'));
      end if;
      if fn = 'sex' and field ->> 'type' = 'select'
         and not (jsonb_path_query_array(field, '$.options[*].value') @> '["male", "female"]') then
        errors := errors || private.definition_error(at || '.options', 'derive_sex_options');
      end if;
      foreach source_key in array sources loop
        if source_key = field ->> 'key' then
          errors := errors || private.definition_error(at || '.derive', 'self_reference');
        elsif not by_key ? source_key then
          errors := errors || private.definition_error(at || '.derive', 'unknown_field_ref', jsonb_build_object('field', source_key));
        elsif not coalesce(by_key #>> array[source_key, 'type'], '') = any (source_types) then
          errors := errors || private.definition_error(at || '.derive', 'derive_source_type',
            jsonb_build_object('fn', fn, 'field', source_key, 'type', by_key #>> array[source_key, 'type']));
        elsif fn = 'birth_date' and by_key #> array[source_key, 'sensitive'] = 'true'::jsonb and field -> 'sensitive' is distinct from 'true'::jsonb then
          errors := errors || private.definition_error(at || '.sensitive', 'derive_birth_date_sensitive', jsonb_build_object('field', source_key));
        end if;
      end loop;
      if field ? 'default' then
        errors := errors || private.definition_error(at || '.default', 'derive_default');
      end if;
    end if;
    if jsonb_typeof(field -> 'default') = 'object' and not (
         (field -> 'default' = '{"currentUser": true}' and field ->> 'type' = 'user')
      or (field -> 'default' = '{"now": true}' and field ->> 'type' = 'datetime')
      or (field -> 'default' = '{"today": true}' and field ->> 'type' = 'date')) then
      errors := errors || private.definition_error(at || '.default', 'default_type', jsonb_build_object('type', field ->> 'type'));
    end if;
    if field ? 'recordUnit' and (jsonb_typeof(field -> 'recordUnit') <> 'boolean' or (field -> 'recordUnit' = 'true'::jsonb and field ->> 'type' <> 'org_unit')) then
      errors := errors || private.definition_error(at || '.recordUnit', 'record_unit_type');
    end if;
    -- the registry attribute the field holds (src/contract/residentAttributes.ts): a known one,
    -- in a field type that can hold it
    if field ? 'prefillFrom' then
      attribute_types := case field ->> 'prefillFrom'
        when 'name' then array['text'] when 'id_number' then array['id_number']
        when 'phone' then array['phone'] when 'address' then array['text', 'textarea'] when 'ethnicity' then array['select']
        when 'political_status' then array['select'] when 'marital_status' then array['select'] when 'grid' then array['org_unit']
        when 'hukou_region' then array['text'] when 'hukou_address' then array['text', 'textarea'] when 'hukou_local' then array['boolean'] end;
      if jsonb_typeof(field -> 'prefillFrom') <> 'string' or attribute_types is null then
        errors := errors || private.definition_error(at || '.prefillFrom', 'invalid_value',
          '{"values": "name | id_number | phone | address | ethnicity | political_status | marital_status | grid | hukou_region | hukou_address | hukou_local"}');
      elsif not (field ->> 'type') = any (attribute_types) then
        errors := errors || private.definition_error(at || '.prefillFrom', 'prefill_type',
          jsonb_build_object('attribute', field ->> 'prefillFrom', 'type', field ->> 'type', 'types', array_to_string(attribute_types, ' | ')));
      end if;
    end if;
    -- reuse: filled from the person's previous application of this service (records_link_answer,
    -- the form's useResidentPrefill, which copies files into the writer's own uploads: a record
    -- still references only its writer's uploads); a resident, derived or registry-filled field
    -- has its own source
    if field ? 'reuse' then
      if jsonb_typeof(field -> 'reuse') <> 'boolean' then
        errors := errors || private.definition_error(at || '.reuse', 'wrong_type', '{"expected": "boolean", "expected_zh": "布尔值"}');
      elsif field -> 'reuse' = 'true'::jsonb then
        if field ->> 'type' = 'resident' then
          errors := errors || private.definition_error(at || '.reuse', 'reuse_type', jsonb_build_object('type', field ->> 'type'));
        elsif field ? 'derive' or field ? 'prefillFrom' then
          errors := errors || private.definition_error(at || '.reuse', 'reuse_conflict');
        elsif not exists (select 1 from jsonb_array_elements(fields) f where f ->> 'type' = 'resident') then
          errors := errors || private.definition_error(at || '.reuse', 'reuse_needs_resident_field');
        end if;
      end if;
    end if;
  end loop;
  if (select count(*) from jsonb_array_elements(fields) f where f -> 'recordUnit' = 'true'::jsonb) > 1 then
    errors := errors || private.definition_error('fields', 'record_unit_once');
  end if;
  -- the record links to one person (records.resident_id): one resident field
  if (select count(*) from jsonb_array_elements(fields) f where f ->> 'type' = 'resident') > 1 then
    errors := errors || private.definition_error('fields', 'resident_field_once');
  end if;

  -- loops: settle the derived fields whose sources are answers or settled; what is left loops
  pending := array(select jsonb_object_keys(deps));
  while progress loop
    progress := false;
    foreach key in array pending loop
      continue when key = any (settled);
      if not exists (select 1 from jsonb_array_elements_text(deps -> key) s where deps ? s and not s = any (settled)) then
        settled := settled || key;
        progress := true;
      end if;
    end loop;
  end loop;
  if cardinality(pending) > cardinality(settled) then
    select format('fields[%s].derive', (n - 1)::int) into at
      from jsonb_array_elements(fields) with ordinality as t(f, n)
     where f ->> 'key' = any (pending) and not (f ->> 'key') = any (settled) order by n limit 1;
    errors := errors || private.definition_error(at, 'derive_cycle', jsonb_build_object('cycle',
      array_to_string(array(select p from unnest(pending) p where not p = any (settled)), ' → ')));
  end if;

  -- rules[]
  if def ? 'rules' and jsonb_typeof(def -> 'rules') <> 'array' then
    errors := errors || private.wrong_type('rules', 'array');
  else
    for rule, i in select r, (n - 1)::int from jsonb_array_elements(coalesce(def -> 'rules', '[]')) with ordinality as t(r, n) loop
      at := format('rules[%s]', i);
      if jsonb_typeof(rule) <> 'object' or jsonb_typeof(rule -> 'require') <> 'object' then
        errors := errors || private.definition_error(at || '.require', 'required');
        continue;
      end if;
      if exists (select 1 from jsonb_path_query(rule, 'lax $.**.op') o
                  where o #>> '{}' is null or o #>> '{}' not in ('eq', 'neq', 'in', 'nin', 'empty', 'not_empty', 'gt', 'gte', 'lt', 'lte')) then
        errors := errors || private.definition_error(at || '.require', 'invalid_value',
          '{"values": "eq | neq | in | nin | empty | not_empty | gt | gte | lt | lte"}');
      end if;
      if jsonb_typeof(rule -> 'message') is distinct from 'string' or private.is_empty_answer(rule -> 'message') then
        errors := errors || private.definition_error(at || '.message', 'required');
      end if;
      foreach key in array private.condition_field_keys(rule -> 'when') || private.condition_field_keys(rule -> 'require')
                           || array_remove(array[rule ->> 'field'], null) loop
        if key is null or not by_key ? key then
          errors := errors || private.definition_error(at, 'unknown_field_ref', jsonb_build_object('field', coalesce(key, '')));
        end if;
      end loop;
    end loop;
  end if;
  return errors;
end;
$$;
