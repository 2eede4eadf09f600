-- Derived values, rules and defaults as data (issue #9, DESIGN.md §4): the database recomputes
-- every derived field (birth date, sex and age from an ID number; sum, difference, days between,
-- age from a date) on every write, so a value the client sends is never trusted; checks a
-- definition's rules[] ("when C, require R, else message M", conditions with all / any / not,
-- another field's answer and today) with the browser's verdict, reporting code `rule` with the
-- rule's own words; and fills a field's default (a constant, the current user, now, today) on
-- insert when the answer is missing. The definition check refuses derivations whose types do not
-- fit, loops, a birth date in clear derived from a sensitive ID number, and misplaced defaults.
-- Routines between "-- routine:" and "-- end routine" are copies written by
-- `npm run db:migration`; edit supabase/routines/, never the copy.

-- Hand-written DDL the routines rely on (tables, columns, types), or nothing.

-- routine: supabase/routines/private/answer_birth_date.sql
-- The birth date an answer states, for derived ages and birth dates: a valid 18-character ID
-- number (as stored: no 15-digit upgrade; a birth date in the future still counts here, the
-- field's own check refuses it) or a date field's answer; else null. The browser asks the field
-- type (birthDate in src/field-types/id_number and date).
create or replace function private.answer_birth_date(field_type text, answer jsonb) returns date
language plpgsql immutable set search_path = '' as $$
declare
  answer_text text := case when jsonb_typeof(answer) = 'string' then answer #>> '{}' end;
begin
  if field_type = 'id_number' and private.is_valid_id_number(answer_text, 'infinity'::date) then
    return make_date(substr(answer_text, 7, 4)::int, substr(answer_text, 11, 2)::int, substr(answer_text, 13, 2)::int);
  elsif field_type = 'date' and private.is_iso_date(answer_text) and left(answer_text, 4) <> '0000' then
    return answer_text::date;
  end if;
  return null;
end;
$$;
-- end routine

-- routine: supabase/routines/private/condition_field_keys.sql
-- The fields a rule condition reads, in reading order (a leaf's field, then its valueFrom),
-- as src/services/conditions.ts conditionFieldKeys lists them: a rule's issue is shown at the
-- first field its `require` reads, and a rule reading a field with its own problem is skipped.
create or replace function private.condition_field_keys(condition jsonb) returns text[]
language plpgsql immutable set search_path = '' as $$
declare
  keys text[] := '{}';
  part jsonb;
begin
  if jsonb_typeof(condition) is distinct from 'object' then
    return keys;
  elsif condition ? 'all' or condition ? 'any' then
    for part in select jsonb_array_elements(coalesce(condition -> 'all', condition -> 'any')) loop
      keys := keys || private.condition_field_keys(part);
    end loop;
    return keys;
  elsif condition ? 'not' then
    return private.condition_field_keys(condition -> 'not');
  end if;
  keys := array[condition ->> 'field'];
  if condition ? 'valueFrom' then
    keys := keys || (condition ->> 'valueFrom');
  end if;
  return keys;
end;
$$;
-- end routine

-- routine: supabase/routines/private/condition_holds.sql
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
-- end routine

-- routine: supabase/routines/private/derive_record_values.sql
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
-- end routine

-- routine: supabase/routines/private/fill_record_defaults.sql
-- On insert, a field's `default` fills an answer the client left empty (the create form
-- pre-fills the same values): a constant as written, { "currentUser": true } the inserting user,
-- { "now": true } the current time in China (ISO 8601 with +08:00), { "today": true } today's
-- date there. Derived fields have no default (check_derived_fields). Hidden fields filled here
-- are dropped by checked_record_data like any hidden answer.
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
  for field in select f from jsonb_array_elements(definition -> 'fields') f where f ? 'default' loop
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
-- end routine

-- routine: supabase/routines/private/check_derived_fields.sql
-- check_service_definition's part for derived values, defaults, the record-unit field and
-- rules[] (src/services/crossCheckDerive.ts and ruleSchema.ts): functions and their source and
-- target types, references that exist, no derivation loops, a birth date derived from a
-- sensitive ID number sensitive itself (it would give away the masked digits, see
-- docs/security-model.md), defaults that fit their type, one record-unit org_unit field, rules
-- with a require condition, a message and fields that exist. `def -> 'fields'` is an array.
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
  end loop;
  if (select count(*) from jsonb_array_elements(fields) f where f -> 'recordUnit' = 'true'::jsonb) > 1 then
    errors := errors || private.definition_error('fields', 'record_unit_once');
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
      if jsonb_typeof(rule -> 'message') is distinct from 'string' or private.is_empty_answer(rule -> 'message') then
        errors := errors || private.definition_error(at || '.message', 'required');
      end if;
      foreach key in array private.condition_field_keys(rule -> 'when') || private.condition_field_keys(rule -> 'require')
                           || coalesce(array[rule ->> 'field'], '{}') loop
        if key is null or not by_key ? key then
          errors := errors || private.definition_error(at, 'unknown_field_ref', jsonb_build_object('field', coalesce(key, '')));
        end if;
      end loop;
    end loop;
  end if;
  return errors;
end;
$$;
-- end routine

-- routine: supabase/routines/private/check_service_definition.sql
-- The structural checks the database relies on: keys, known field types with well-typed
-- options, conditions naming existing fields without cycles, derived values, defaults and rules
-- (private.check_derived_fields), workflow states that exist,
-- and permissions by role. Returns [] or [{path, code, params, message_zh, message_en}],
-- paths written like the designer's (`fields[3].type`). The full schema is
-- parseServiceDefinition's job in the browser; this is what keeps the engine sound.
create or replace function private.check_service_definition(def jsonb) returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  errors jsonb := '[]';
  field jsonb;
  i int;
  j int;
  at text;
  field_keys text[] := '{}';
  column_keys text[];
  column_def jsonb;
  name text;
  condition jsonb;
  state jsonb;
  state_keys text[] := '{}';
  terminal_keys text[] := '{}';
  transition jsonb;
  transition_keys text[] := '{}';
  item jsonb;
  item_keys text[];
  role text;
  key_pattern constant text := '^[a-z][a-z0-9_]{0,39}$';
  controllers jsonb := '{}';
  chain text[];
  current_key text;
  reported text[] := '{}';
  sensitive_keys text[] := '{}';
begin
  if jsonb_typeof(def) is distinct from 'object' then
    return jsonb_build_array(private.wrong_type('', 'object'));
  end if;
  if jsonb_typeof(def -> 'key') is distinct from 'string' or def ->> 'key' !~ key_pattern then
    errors := errors || private.definition_error('key', 'key_format');
  end if;
  if jsonb_typeof(def -> 'name') is distinct from 'string' or private.is_empty_answer(def -> 'name') then
    errors := errors || private.definition_error('name', 'required');
  end if;

  -- fields
  if jsonb_typeof(def -> 'fields') is distinct from 'array' or jsonb_array_length(def -> 'fields') = 0 then
    errors := errors || private.definition_error('fields', 'too_few', '{"minimum": 1}');
  else
    select coalesce(array_agg(f ->> 'key'), '{}') into field_keys from jsonb_array_elements(def -> 'fields') f;
    select coalesce(array_agg(f ->> 'key'), '{}') into sensitive_keys from jsonb_array_elements(def -> 'fields') f
     where jsonb_typeof(f) = 'object' and f -> 'sensitive' = 'true'::jsonb;
    for field, i in select f, (n - 1)::int from jsonb_array_elements(def -> 'fields') with ordinality as t(f, n) loop
      at := format('fields[%s]', i);
      if jsonb_typeof(field) is distinct from 'object' then
        errors := errors || private.wrong_type(at, 'object');
        continue;
      end if;
      if jsonb_typeof(field -> 'key') is distinct from 'string' or field ->> 'key' !~ key_pattern then
        errors := errors || private.definition_error(at || '.key', 'key_format');
      elsif array_position(field_keys, field ->> 'key') < i + 1 then
        errors := errors || private.definition_error(at || '.key', 'duplicate_key', jsonb_build_object('key', field ->> 'key'));
      elsif field ->> 'key' in ('status', 'org_unit_id', 'assignee', 'due_at', 'created_at', 'updated_at') then
        errors := errors || private.definition_error(at || '.key', 'reserved_key', jsonb_build_object('key', field ->> 'key'));
      end if;
      if jsonb_typeof(field -> 'label') is distinct from 'string' or private.is_empty_answer(field -> 'label') then
        errors := errors || private.definition_error(at || '.label', 'required');
      end if;
      if jsonb_typeof(field -> 'type') is distinct from 'string' or not (field ->> 'type') = any (private.record_field_types()) then
        errors := errors || private.definition_error(at || '.type', 'unknown_field_type', jsonb_build_object('type', coalesce(field ->> 'type', '')));
        continue;
      end if;
      errors := errors || private.check_field_options(field, at);
      if field ->> 'type' = 'sub_table' then
        if jsonb_typeof(field -> 'columns') is distinct from 'array' or jsonb_array_length(field -> 'columns') = 0 then
          errors := errors || private.definition_error(at || '.columns', 'too_few', '{"minimum": 1}');
        else
          column_keys := '{}';
          for column_def, j in select c, (n - 1)::int from jsonb_array_elements(field -> 'columns') with ordinality as t(c, n) loop
            if jsonb_typeof(column_def) is distinct from 'object' then
              errors := errors || private.wrong_type(format('%s.columns[%s]', at, j), 'object');
              continue;
            end if;
            if jsonb_typeof(column_def -> 'key') is distinct from 'string' or column_def ->> 'key' !~ key_pattern then
              errors := errors || private.definition_error(format('%s.columns[%s].key', at, j), 'key_format');
            elsif column_def ->> 'key' = any (column_keys) then
              errors := errors || private.definition_error(format('%s.columns[%s].key', at, j), 'duplicate_key', jsonb_build_object('key', column_def ->> 'key'));
            end if;
            column_keys := column_keys || (column_def ->> 'key');
            if not coalesce(column_def ->> 'type', '') = any (private.sub_table_column_types()) then
              errors := errors || private.definition_error(format('%s.columns[%s].type', at, j), 'sub_table_column_type',
                                                           jsonb_build_object('type', coalesce(column_def ->> 'type', '')));
            else
              errors := errors || private.check_field_options(column_def, format('%s.columns[%s]', at, j));
            end if;
          end loop;
        end if;
      end if;
      foreach name in array array['visibleWhen', 'requiredWhen'] loop
        continue when not field ? name;
        condition := field -> name;
        if jsonb_typeof(condition) is distinct from 'object' then
          errors := errors || private.wrong_type(at || '.' || name, 'object');
        elsif coalesce(condition ->> 'op', '') not in ('eq', 'neq', 'in', 'nin', 'empty', 'not_empty', 'gt', 'gte', 'lt', 'lte') then
          errors := errors || private.definition_error(at || '.' || name || '.op', 'invalid_value',
            '{"values": "eq | neq | in | nin | empty | not_empty | gt | gte | lt | lte"}');
        elsif condition ->> 'field' = field ->> 'key' then
          errors := errors || private.definition_error(at || '.' || name || '.field', 'self_reference');
        elsif not coalesce(condition ->> 'field', '') = any (field_keys) then
          errors := errors || private.definition_error(at || '.' || name || '.field', 'unknown_field_ref',
                                                       jsonb_build_object('field', coalesce(condition ->> 'field', '')));
        else
          -- no masking by inference (see the top of this migration)
          if condition ->> 'field' = any (sensitive_keys) then
            errors := errors || private.definition_error(at || '.' || name || '.field', 'sensitive_controls_field',
              jsonb_build_object('field', condition ->> 'field', 'controlled', field ->> 'key', 'condition', name));
          end if;
          if name = 'visibleWhen' then
            controllers := controllers || jsonb_build_object(field ->> 'key', condition ->> 'field');
          end if;
        end if;
      end loop;
    end loop;
    -- a field shown only if another is shown only if the first is: never shown; report once
    for field, i in select f, (n - 1)::int from jsonb_array_elements(def -> 'fields') with ordinality as t(f, n) loop
      continue when not controllers ? (field ->> 'key') or (field ->> 'key') = any (reported);
      chain := array[field ->> 'key'];
      current_key := controllers ->> (field ->> 'key');
      while current_key is not null and not current_key = any (chain) loop
        chain := chain || current_key;
        current_key := controllers ->> current_key;
      end loop;
      if current_key = field ->> 'key' then
        reported := reported || chain;
        errors := errors || private.definition_error(format('fields[%s].visibleWhen', i), 'condition_cycle',
                                                     jsonb_build_object('cycle', array_to_string(chain || current_key, ' → ')));
      end if;
    end loop;
    errors := errors || private.check_derived_fields(def);
  end if;

  -- workflow
  if jsonb_typeof(def -> 'workflow') is distinct from 'object' then
    errors := errors || private.definition_error('workflow', 'required');
  elsif jsonb_typeof(def #> '{workflow,states}') is distinct from 'array' or jsonb_array_length(def #> '{workflow,states}') = 0 then
    errors := errors || private.definition_error('workflow.states', 'too_few', '{"minimum": 1}');
  else
    for state, i in select s, (n - 1)::int from jsonb_array_elements(def #> '{workflow,states}') with ordinality as t(s, n) loop
      at := format('workflow.states[%s]', i);
      if jsonb_typeof(state -> 'key') is distinct from 'string' or state ->> 'key' !~ key_pattern then
        errors := errors || private.definition_error(at || '.key', 'key_format');
        continue;
      elsif state ->> 'key' = any (state_keys) then
        errors := errors || private.definition_error(at || '.key', 'duplicate_key', jsonb_build_object('key', state ->> 'key'));
      end if;
      state_keys := state_keys || (state ->> 'key');
      if state ? 'terminal' and jsonb_typeof(state -> 'terminal') <> 'boolean' then
        errors := errors || private.wrong_type(at || '.terminal', 'boolean');
      elsif state -> 'terminal' = 'true'::jsonb then
        terminal_keys := terminal_keys || (state ->> 'key');
      end if;
      if state ? 'slaHours' and (jsonb_typeof(state -> 'slaHours') <> 'number' or (state ->> 'slaHours')::numeric <= 0) then
        errors := errors || private.definition_error(at || '.slaHours', 'too_small', '{"minimum": 0}');
      end if;
    end loop;
    if not coalesce(def #>> '{workflow,initial}', '') = any (state_keys) then
      errors := errors || private.definition_error('workflow.initial', 'unknown_state', jsonb_build_object('state', coalesce(def #>> '{workflow,initial}', '')));
    elsif def #>> '{workflow,initial}' = any (terminal_keys) then
      errors := errors || private.definition_error('workflow.initial', 'initial_terminal');
    end if;
    if def #> '{workflow,transitions}' is not null and jsonb_typeof(def #> '{workflow,transitions}') <> 'array' then
      errors := errors || private.wrong_type('workflow.transitions', 'array');
    else
      for transition, i in select t, (n - 1)::int from jsonb_array_elements(coalesce(def #> '{workflow,transitions}', '[]')) with ordinality as x(t, n) loop
        at := format('workflow.transitions[%s]', i);
        if jsonb_typeof(transition -> 'key') is distinct from 'string' or transition ->> 'key' !~ key_pattern then
          errors := errors || private.definition_error(at || '.key', 'key_format');
        elsif transition ->> 'key' = any (transition_keys) then
          errors := errors || private.definition_error(at || '.key', 'duplicate_key', jsonb_build_object('key', transition ->> 'key'));
        end if;
        transition_keys := transition_keys || (transition ->> 'key');
        if jsonb_typeof(transition -> 'from') is distinct from 'array' or jsonb_array_length(transition -> 'from') = 0 then
          errors := errors || private.definition_error(at || '.from', 'too_few', '{"minimum": 1}');
        else
          for item, j in select f, (n - 1)::int from jsonb_array_elements(transition -> 'from') with ordinality as x(f, n) loop
            if not coalesce(item #>> '{}', '') = any (state_keys) then
              errors := errors || private.definition_error(format('%s.from[%s]', at, j), 'unknown_state', jsonb_build_object('state', item #>> '{}'));
            elsif item #>> '{}' = any (terminal_keys) then
              errors := errors || private.definition_error(format('%s.from[%s]', at, j), 'terminal_outgoing', jsonb_build_object('state', item #>> '{}'));
            end if;
          end loop;
        end if;
        if not coalesce(transition ->> 'to', '') = any (state_keys) then
          errors := errors || private.definition_error(at || '.to', 'unknown_state', jsonb_build_object('state', coalesce(transition ->> 'to', '')));
        end if;
        if jsonb_typeof(transition -> 'roles') is distinct from 'array' or jsonb_array_length(transition -> 'roles') = 0 then
          errors := errors || private.definition_error(at || '.roles', 'too_few', '{"minimum": 1}');
        elsif exists (select 1 from jsonb_array_elements(transition -> 'roles') r where jsonb_typeof(r) <> 'string' or r #>> '{}' !~ '^[a-z][a-z0-9_]*$') then
          errors := errors || private.definition_error(at || '.roles', 'role_key_format');
        end if;
        foreach name in array array['requireComment', 'escalate'] loop
          if transition ? name and jsonb_typeof(transition -> name) <> 'boolean' then
            errors := errors || private.wrong_type(at || '.' || name, 'boolean');
          end if;
        end loop;
        if transition ? 'requireFields' then
          if jsonb_typeof(transition -> 'requireFields') <> 'array' then
            errors := errors || private.wrong_type(at || '.requireFields', 'array');
          else
            for item, j in select f, (n - 1)::int from jsonb_array_elements(transition -> 'requireFields') with ordinality as x(f, n) loop
              if not coalesce(item #>> '{}', '') = any (field_keys) then
                errors := errors || private.definition_error(format('%s.requireFields[%s]', at, j), 'unknown_field_ref', jsonb_build_object('field', item #>> '{}'));
              end if;
            end loop;
          end if;
        end if;
        if transition ? 'checklist' then
          if jsonb_typeof(transition -> 'checklist') <> 'array' then
            errors := errors || private.wrong_type(at || '.checklist', 'array');
          else
            item_keys := '{}';
            for item, j in select c, (n - 1)::int from jsonb_array_elements(transition -> 'checklist') with ordinality as x(c, n) loop
              if jsonb_typeof(item -> 'key') is distinct from 'string' or item ->> 'key' !~ key_pattern then
                errors := errors || private.definition_error(format('%s.checklist[%s].key', at, j), 'key_format');
              elsif item ->> 'key' = any (item_keys) then
                errors := errors || private.definition_error(format('%s.checklist[%s].key', at, j), 'duplicate_key', jsonb_build_object('key', item ->> 'key'));
              end if;
              item_keys := item_keys || (item ->> 'key');
              if jsonb_typeof(item -> 'label') is distinct from 'string' or private.is_empty_answer(item -> 'label') then
                errors := errors || private.definition_error(format('%s.checklist[%s].label', at, j), 'required');
              end if;
            end loop;
          end if;
        end if;
      end loop;
    end if;
  end if;

  -- permissions: role → actions
  if jsonb_typeof(def -> 'permissions') is distinct from 'object' then
    errors := errors || private.wrong_type('permissions', 'object');
  else
    for role, item in select key, value from jsonb_each(def -> 'permissions') loop
      if role !~ '^[a-z][a-z0-9_]*$' then
        errors := errors || private.definition_error(format('permissions[%s]', to_json(role)), 'role_key_format');
      elsif jsonb_typeof(item) <> 'array' or exists (
        select 1 from jsonb_array_elements(item) a
         where coalesce(a #>> '{}', '') not in ('read', 'create', 'update', 'delete', 'export', 'view_sensitive')) then
        errors := errors || private.definition_error('permissions.' || role, 'invalid_value',
          '{"values": "read | create | update | delete | export | view_sensitive"}');
      end if;
    end loop;
  end if;
  return errors;
end;
$$;
-- end routine

-- routine: supabase/routines/private/definition_error.sql
-- A definition problem as {path, code, params, message_zh, message_en}, with the bilingual
-- texts of src/services/definition-messages.ts filled in from params (key_changed is the
-- database's own: a published service keeps its key).
create or replace function private.definition_error(p_path text, p_code text, p_params jsonb default '{}') returns jsonb
language plpgsql immutable set search_path = '' as $$
declare
  zh text;
  en text;
  param record;
begin
  select m.zh, m.en into zh, en from (values
    ('required', '缺少必填项', 'Required'),
    ('wrong_type', '类型错误，应为{expected_zh}', 'Expected {expected}'),
    ('empty', '不能为空', 'Must not be empty'),
    ('too_few', '至少需要 {minimum} 项', 'Needs at least {minimum} items'),
    ('too_small', '不能小于 {minimum}', 'Must be at least {minimum}'),
    ('invalid_value', '取值无效，可选：{values}', 'Invalid value, expected one of: {values}'),
    ('key_format', '键名只能使用小写字母、数字和下划线，并以字母开头', 'Keys use lower-case letters, digits and underscores, and start with a letter'),
    ('role_key_format', '角色键名只能使用小写字母、数字和下划线，并以字母开头', 'Role keys use lower-case letters, digits and underscores, and start with a letter'),
    ('unknown_field_type', '未知的字段类型 "{type}"', 'Unknown field type "{type}"'),
    ('select_options_min', '下拉字段至少需要一个选项', 'A select field needs at least one option'),
    ('duplicate_option', '选项值 "{value}" 重复', 'Duplicate option value "{value}"'),
    ('pattern_invalid', '不是有效的正则表达式', 'Not a valid regular expression'),
    ('date_limit_format', '应为 YYYY-MM-DD 或 today', 'Expected YYYY-MM-DD or "today"'),
    ('sub_table_column_type', '子表列不支持类型 "{type}"', 'Sub-table columns cannot have type "{type}"'),
    ('duplicate_key', '键名 "{key}" 重复', 'Duplicate key "{key}"'),
    ('reserved_key', '"{key}" 是系统列名，不能用作字段键名', '"{key}" is a system column and cannot be a field key'),
    ('unknown_field_ref', '引用的字段 "{field}" 不存在', 'Refers to a field "{field}" that does not exist'),
    ('self_reference', '条件不能引用字段自身', 'A condition cannot refer to its own field'),
    ('condition_cycle', '显示条件形成循环：{cycle}', 'Visibility conditions form a cycle: {cycle}'),
    ('sensitive_controls_field', '敏感字段 "{field}" 不能作为 "{controlled}" 的条件（{condition}）：该字段是否显示或必填会泄露被遮挡的值',
     'Sensitive field "{field}" cannot be the condition of "{controlled}" ({condition}): whether that field is shown or required would reveal the masked value'),
    ('unknown_state', '状态 "{state}" 不存在', 'State "{state}" does not exist'),
    ('initial_terminal', '初始状态不能是终止状态', 'The initial state cannot be terminal'),
    ('terminal_outgoing', '终止状态 "{state}" 不能有流出的流转', 'Terminal state "{state}" cannot have outgoing transitions'),
    ('derive_target_type', '{fn} 的计算结果不能存入“{type}”类型的字段', 'The result of {fn} cannot be stored in a {type} field'),
    ('derive_source_type', '{fn} 不能从字段 "{field}"（{type}）计算', '{fn} cannot be computed from field "{field}" ({type})'),
    ('derive_sex_options', '由身份证号计算性别的下拉字段须有 male 和 female 两个选项', 'A select derived as sex needs the options male and female'),
    ('derive_birth_date_sensitive', '由敏感字段 "{field}" 计算的出生日期也必须标记为敏感：否则会泄露身份证号被遮挡的出生日期',
     'A birth date computed from the sensitive field "{field}" must be sensitive too: otherwise it reveals the masked digits of the ID number'),
    ('derive_default', '计算字段不能有默认值', 'A derived field cannot have a default'),
    ('derive_cycle', '计算字段形成循环：{cycle}', 'Derived fields form a cycle: {cycle}'),
    ('default_type', '默认值不适用于“{type}”类型：当前用户只用于人员字段，now 用于日期时间，today 用于日期',
     'This default does not fit a {type} field: currentUser is for user fields, now for date-times, today for dates'),
    ('record_unit_type', '只有单位字段（org_unit）能作为记录所属单位', 'Only an org_unit field can be the record''s unit'),
    ('record_unit_once', '只能有一个字段作为记录所属单位', 'Only one field can be the record''s unit'),
    ('key_changed', '服务键名不能修改，应为 "{key}"', 'The service key cannot change; expected "{key}"')
  ) as m(code, zh, en) where m.code = p_code;
  zh := coalesce(zh, p_code);
  en := coalesce(en, p_code);
  for param in select key, value from jsonb_each(p_params) loop
    zh := replace(zh, '{' || param.key || '}', param.value #>> '{}');
    en := replace(en, '{' || param.key || '}', param.value #>> '{}');
  end loop;
  return jsonb_build_object('path', p_path, 'code', p_code, 'params', p_params, 'message_zh', zh, 'message_en', en);
end;
$$;
-- end routine

-- routine: supabase/routines/private/validation_message.sql
-- The words of src/services/validation-codes.ts, "中文 / English", {placeholders} filled.
create or replace function private.validation_message(code text, params jsonb default '{}') returns text
language plpgsql immutable set search_path = '' as $$
declare
  message text;
  param record;
begin
  message := case code
    when 'required' then '此项为必填项 / This field is required'
    when 'type' then '数据类型不正确 / The value has the wrong type'
    when 'choice' then '所选值不在可选项中 / The value is not one of the choices'
    when 'min' then '不能小于 {min} / Must be at least {min}'
    when 'max' then '不能大于 {max} / Must be at most {max}'
    when 'integer' then '必须是整数 / Must be a whole number'
    when 'precision' then '金额最多保留两位小数 / Amounts have at most two decimal places'
    when 'min_length' then '至少需要 {min} 个字符 / Must be at least {min} characters'
    when 'max_length' then '不能超过 {max} 个字符 / Must be at most {max} characters'
    when 'min_items' then '至少需要 {min} 项 / Needs at least {min} items'
    when 'max_items' then '最多 {max} 项 / At most {max} items'
    when 'pattern' then '格式不正确 / The format is not valid'
    when 'id_number' then '身份证号码无效（请核对位数、出生日期和校验位） / Invalid ID number (check the length, birth date and check digit)'
    when 'phone' then '电话号码格式不正确 / Invalid phone number'
    when 'date' then '日期无效，应为 YYYY-MM-DD / Invalid date, expected YYYY-MM-DD'
    when 'datetime' then '日期时间无效 / Invalid date and time'
    when 'file_type' then '文件类型不允许 / This file type is not allowed'
    when 'file_size' then '文件不能超过 {max} MB / The file must be at most {max} MB'
    when 'unknown_field' then '表单中没有此字段 / This field is not part of the form'
    when 'rule' then '{message} / {message_en}'
    else code
  end;
  for param in select key, value from jsonb_each(coalesce(params, '{}')) loop
    message := replace(message, '{' || param.key || '}', param.value #>> '{}');
  end loop;
  return message;
end;
$$;
-- end routine

-- routine: supabase/routines/private/record_data_issues.sql
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
-- end routine

-- routine: supabase/routines/private/validate_record_data.sql
-- All problems in a record's data: [] when valid, else [{field, code, params}], one per
-- field at most. Hidden fields are neither required nor checked; derived values are checked as
-- they would be stored (recomputed, whatever the data holds).
create or replace function private.validate_record_data(definition jsonb, data jsonb) returns jsonb
language plpgsql stable set search_path = '' as $$
begin
  if jsonb_typeof(data) is distinct from 'object' then
    return jsonb_build_array(jsonb_build_object('field', '', 'code', 'type', 'params', '{}'::jsonb));
  end if;
  data := private.derive_record_values(definition, data, private.local_today());
  return private.record_data_issues(definition, data, private.visible_field_keys(definition -> 'fields', data), private.local_today());
end;
$$;
-- end routine

-- routine: supabase/routines/private/checked_record_data.sql
-- The data to store: derived values recomputed (a client's value is never trusted), then
-- raises record_invalid (HTTP 400 through PostgREST) when it does not fit the definition, else
-- returns it without answers to hidden fields, which the browser also drops before saving, so
-- they never reach a record. Ages are derived as of the date of this write.
create or replace function private.checked_record_data(definition jsonb, data jsonb) returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  visible jsonb;
  issues jsonb;
begin
  if jsonb_typeof(data) is distinct from 'object' then
    issues := private.validate_record_data(definition, data);
  else
    data := private.derive_record_values(definition, data, private.local_today());
    visible := private.visible_field_keys(definition -> 'fields', data);
    issues := private.record_data_issues(definition, data, visible, private.local_today());
  end if;
  if jsonb_array_length(issues) > 0 then
    raise exception using errcode = 'PT400' /* PostgREST → HTTP 400 */, message = 'record_invalid',
      detail = issues::text, hint = private.record_issue_hint(definition, issues -> 0);
  end if;
  return coalesce((select jsonb_object_agg(d.key, d.value) from jsonb_each(data) d where visible ? d.key), '{}'::jsonb);
end;
$$;
-- end routine

-- routine: supabase/routines/private/records_validate_data.sql
-- BEFORE INSERT OR UPDATE of data: fill the definition's defaults on insert (not for imports,
-- whose records keep what they had), validate the raw answers against the record's own frozen
-- version (checked_record_data also recomputes derived values from the raw answers, before any
-- masking), then keep them masked in data and raw aside. On UPDATE, answers sent back as stored
-- (masked) first get their raw value back, so they are validated and kept as they were.
create or replace function private.records_validate_data() returns trigger
language plpgsql set search_path = '' as $$
declare
  version record;
begin
  select v.definition, v.sensitive_fields into version
    from public.service_versions v where v.service_id = new.service_id and v.version = new.service_version;
  if tg_op = 'UPDATE' and version.sensitive_fields <> '[]'::jsonb then
    new.data := private.restore_kept_answers(version.sensitive_fields, new.data, old.data, private.sensitive_answers_of(old.id));
  end if;
  if tg_op = 'INSERT' and private.record_write_mode() <> 'import' then
    new.data := private.fill_record_defaults(version.definition, new.data);
  end if;
  new.data := private.checked_record_data(version.definition, new.data);
  if version.sensitive_fields <> '[]'::jsonb then
    new.data := private.store_sensitive_answers(tg_op = 'INSERT', new.id, version.sensitive_fields, new.data);
  end if;
  return new;
end;
$$;
-- end routine

-- Hand-written DDL that names the routines (triggers, policies, grants), or nothing.
