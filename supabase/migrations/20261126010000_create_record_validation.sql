-- The database half of record validation: private.validate_record_data(definition, data)
-- returns the same issues as src/services/validate-record.ts (validateRecordData) for the
-- same input, as an array of {field, code, params}; tests/shared/validation-corpus proves it.
-- Pure functions only (no tables): the records trigger and the record RPCs call
-- private.checked_record_data, which raises record_invalid.
--
-- Numbers are compared as float8 because the browser compares JavaScript doubles; strings
-- as "C" (code point order) because ISO dates and codes sort that way in both places.
--
-- Speed: this runs on every insert. Small helpers are single expressions with SQL-standard
-- bodies (`return …`): their names are bound when they are created, so search_path cannot
-- redirect them (the reason style asks for `set search_path`), and the planner inlines them
-- into the cached plans of the plpgsql functions that call them. Everything else is plpgsql
-- that walks the JSON with operators instead of queries (each query is a round through SPI;
-- PostgreSQL 17 would even re-plan a SQL-language function body on every call).

-- routine: supabase/routines/private/record_field_types.sql
-- The field types this validator knows. A type added to src/field-types/registry.ts needs a
-- branch in private.field_value_issue and an entry here (tests/db/engine-validation checks).
create or replace function private.record_field_types() returns text[]
language sql immutable
return array['text', 'textarea', 'number', 'money', 'date', 'datetime', 'boolean', 'select', 'multiselect',
             'id_number', 'phone', 'org_unit', 'user', 'attachment', 'image', 'sub_table'];
-- end routine

-- routine: supabase/routines/private/sub_table_column_types.sql
-- Sub-table cells hold scalars only (src/field-types/sub_table/definition.ts).
create or replace function private.sub_table_column_types() returns text[]
language sql immutable
return array['text', 'textarea', 'number', 'money', 'date', 'boolean', 'select', 'id_number', 'phone'];
-- end routine

-- routine: supabase/routines/private/local_today.sql
-- "Today" for date limits and birth dates. The product serves Chinese communities and all of
-- China keeps UTC+8, while hosted databases run in UTC: without this, a date entered as today
-- between 00:00 and 08:00 Beijing time would be "in the future".
create or replace function private.local_today() returns date
language sql stable
return (now() at time zone 'Asia/Shanghai')::date;
-- end routine

-- routine: supabase/routines/private/is_empty_answer.sql
-- "No answer": absent (SQL null), JSON null, [], or a string made only of whitespace and
-- invisible characters — the class of private.tidy_text and src/contract/empty-answer.ts
-- (JavaScript trim()'s whitespace, U+0085, zero-width spaces and joiners, BOM, soft hyphen, bidi
-- marks, variation selectors, Hangul fillers …); the validation corpus (required.json) pins the
-- browser and the database to the same verdicts. It decides required fields, the empty/not_empty
-- conditions, masking of empty answers and required comments.
create or replace function private.is_empty_answer(answer jsonb) returns boolean
language sql immutable
return case jsonb_typeof(answer)
  when 'null' then true
  when 'string' then (answer #>> '{}') ~ '^[\u0009-\u000d\u0020\u0085\u00a0\u00ad\u034f\u061c\u115f\u1160\u1680\u17b4\u17b5\u180b-\u180f\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb]*$'
  when 'array' then jsonb_array_length(answer) = 0
  else answer is null
end;
-- end routine

-- routine: supabase/routines/private/json_double.sql
-- A JSON number as the browser sees it: a double. Beyond the double range JSON.parse gives
-- ±Infinity (which the client rejects as "not finite") or 0.
create or replace function private.json_double(answer jsonb) returns float8
language sql immutable
return case
  when abs(answer::numeric) > 1.7976931348623157e308 then case when answer::numeric > 0 then 'Infinity'::float8 else '-Infinity'::float8 end
  when abs(answer::numeric) < 1e-320 then 0::float8
  else answer::numeric::float8
end;
-- end routine

-- routine: supabase/routines/private/is_calendar_date.sql
create or replace function private.is_calendar_date(y int, m int, d int) returns boolean
language sql immutable
return m between 1 and 12 and d >= 1 and d <= case
  when m = 2 then case when (y % 4 = 0 and y % 100 <> 0) or y % 400 = 0 then 29 else 28 end
  when m in (4, 6, 9, 11) then 30
  else 31 end;
-- end routine

-- routine: supabase/routines/private/is_iso_date.sql
create or replace function private.is_iso_date(answer text) returns boolean
language sql immutable
return case when answer ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'
  then private.is_calendar_date(substr(answer, 1, 4)::int, substr(answer, 6, 2)::int, substr(answer, 9, 2)::int)
  else false end;
-- end routine

-- routine: supabase/routines/private/is_iso_datetime.sql
-- ISO 8601 with an explicit offset, as timestamptz reads unambiguously.
create or replace function private.is_iso_datetime(answer text) returns boolean
language sql immutable
return case when answer ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?(Z|[+-]([01][0-9]|2[0-3]):?[0-5][0-9])$'
  then private.is_calendar_date(substr(answer, 1, 4)::int, substr(answer, 6, 2)::int, substr(answer, 9, 2)::int)
  else false end;
-- end routine

-- routine: supabase/routines/private/id_number_check_char.sql
-- GB 11643-1999 check character (ISO 7064 MOD 11-2) of the first 17 digits.
create or replace function private.id_number_check_char(first17 text) returns text
language sql immutable
return substr('10X98765432', (
    (ascii(substr(first17, 1, 1)) - 48) * 7 + (ascii(substr(first17, 2, 1)) - 48) * 9 + (ascii(substr(first17, 3, 1)) - 48) * 10
  + (ascii(substr(first17, 4, 1)) - 48) * 5 + (ascii(substr(first17, 5, 1)) - 48) * 8 + (ascii(substr(first17, 6, 1)) - 48) * 4
  + (ascii(substr(first17, 7, 1)) - 48) * 2 + (ascii(substr(first17, 8, 1)) - 48) * 1 + (ascii(substr(first17, 9, 1)) - 48) * 6
  + (ascii(substr(first17, 10, 1)) - 48) * 3 + (ascii(substr(first17, 11, 1)) - 48) * 7 + (ascii(substr(first17, 12, 1)) - 48) * 9
  + (ascii(substr(first17, 13, 1)) - 48) * 10 + (ascii(substr(first17, 14, 1)) - 48) * 5 + (ascii(substr(first17, 15, 1)) - 48) * 8
  + (ascii(substr(first17, 16, 1)) - 48) * 4 + (ascii(substr(first17, 17, 1)) - 48) * 2) % 11 + 1, 1);
-- end routine

-- routine: supabase/routines/private/is_valid_id_number.sql
-- 18 characters, a real birth date from 1800 to today, the right check character; a
-- lower-case x is accepted. Address codes are not checked (retired codes stay valid).
-- 15-digit numbers are refused: the form upgrades them before saving.
create or replace function private.is_valid_id_number(answer text, today date) returns boolean
language sql immutable
return case
  -- 17 ASCII digits and a digit or X (ltrim with a character set: faster than a regex)
  when length(answer) <> 18 or ltrim(left(answer, 17), '0123456789') <> '' or strpos('0123456789Xx', right(answer, 1)) = 0 then false
  when substr(answer, 7, 4)::int < 1800 then false
  when not private.is_calendar_date(substr(answer, 7, 4)::int, substr(answer, 11, 2)::int, substr(answer, 13, 2)::int) then false
  when make_date(substr(answer, 7, 4)::int, substr(answer, 11, 2)::int, substr(answer, 13, 2)::int) > today then false
  else private.id_number_check_char(answer) = upper(right(answer, 1))
end;
-- end routine

-- routine: supabase/routines/private/is_valid_phone.sql
-- Mobile 1[3-9] + 9 digits; landline 0 + 2–3 digit area code, optional hyphen, 7–8 digits.
create or replace function private.is_valid_phone(answer text, kind text) returns boolean
language sql immutable
return case coalesce(kind, 'any')
  when 'mobile' then answer ~ '^1[3-9][0-9]{9}$'
  when 'landline' then answer ~ '^0[0-9]{2,3}-?[0-9]{7,8}$'
  else answer ~ '^1[3-9][0-9]{9}$' or answer ~ '^0[0-9]{2,3}-?[0-9]{7,8}$'
end;
-- end routine

-- routine: supabase/routines/private/is_option_value.sql
-- Is this one of the field's options (stored by value)? A containment test: no query.
-- (stable, not immutable: jsonb_build_object is stable, and an immutable function with a
-- stable body would not be inlined)
create or replace function private.is_option_value(field jsonb, answer jsonb) returns boolean
language sql stable
return coalesce(field -> 'options' @> jsonb_build_array(jsonb_build_object('value', answer)), false);
-- end routine

-- routine: supabase/routines/private/evaluate_condition.sql
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
-- end routine

-- routine: supabase/routines/private/visible_field_keys.sql
-- Keys of the fields shown for this data, as a JSON array (tested with `?`). A field
-- controlled by a hidden field sees that field as empty; a controller that is not a field has
-- no answer. Each field has at most one controller, so deciding the fields whose controller
-- is decided, until nothing changes, settles every chain; cycles (refused at publish) stay
-- hidden.
create or replace function private.visible_field_keys(fields jsonb, data jsonb) returns jsonb
language plpgsql immutable set search_path = '' as $$
declare
  all_keys jsonb := jsonb_path_query_array(fields, '$[*].key');
  visible jsonb := jsonb_path_query_array(fields, '$[*] ? (!(@.visibleWhen.type() == "object")).key');
  pending jsonb := jsonb_path_query_array(fields, '$[*] ? (@.visibleWhen.type() == "object")');
  decided jsonb := '{}';
  decided_count int := 0;
  field jsonb;
  field_key text;
  controller text;
  shown boolean;
  progress boolean := true;
begin
  while progress and decided_count < jsonb_array_length(pending) loop
    progress := false;
    for i in 0 .. jsonb_array_length(pending) - 1 loop
      field := pending -> i;
      field_key := field ->> 'key';
      continue when decided ? field_key;
      controller := field #>> '{visibleWhen,field}';
      if visible ? controller then
        shown := private.evaluate_condition(field -> 'visibleWhen', data -> controller);
      elsif decided ? controller or not all_keys ? controller then
        -- the controller is hidden, or is not a field: no answer
        shown := private.evaluate_condition(field -> 'visibleWhen', null);
      else
        continue;
      end if;
      decided := decided || jsonb_build_object(field_key, shown);
      decided_count := decided_count + 1;
      if shown then
        visible := visible || to_jsonb(field_key);
      end if;
      progress := true;
    end loop;
  end loop;
  return visible;
end;
$$;
-- end routine

-- routine: supabase/routines/private/file_list_issue.sql
-- A list of stored-file descriptors {path, name, size, mime} (attachment, image).
create or replace function private.file_list_issue(field jsonb, answer jsonb, default_accept jsonb) returns jsonb
language plpgsql immutable set search_path = '' as $$
declare
  accept jsonb := coalesce(field -> 'accept', default_accept);
  item jsonb;
  size float8;
  name text;
  mime text;
  rule text;
  accepted boolean;
begin
  if jsonb_typeof(answer) is distinct from 'array' then
    return jsonb_build_object('code', 'type');
  end if;
  if field ? 'maxCount' and jsonb_array_length(answer) > (field ->> 'maxCount')::numeric then
    return jsonb_build_object('code', 'max_items', 'params', jsonb_build_object('max', field -> 'maxCount'));
  end if;
  for i in 0 .. jsonb_array_length(answer) - 1 loop
    item := answer -> i;
    -- exactly the keys of a stored file, path and name non-empty, size a safe integer ≥ 0
    if jsonb_typeof(item) is distinct from 'object'
       or item - array['path', 'name', 'size', 'mime'] <> '{}'::jsonb
       or jsonb_typeof(item -> 'path') is distinct from 'string' or item ->> 'path' = ''
       or jsonb_typeof(item -> 'name') is distinct from 'string' or item ->> 'name' = ''
       or jsonb_typeof(item -> 'mime') is distinct from 'string'
       or jsonb_typeof(item -> 'size') is distinct from 'number' then
      return jsonb_build_object('code', 'type');
    end if;
    size := private.json_double(item -> 'size');
    if size < 0 or size <> trunc(size) or size > 9007199254740991 then
      return jsonb_build_object('code', 'type');
    end if;
    if jsonb_typeof(accept) = 'array' then
      name := lower(item ->> 'name');
      mime := lower(item ->> 'mime');
      accepted := false;
      for j in 0 .. jsonb_array_length(accept) - 1 loop
        rule := lower(accept ->> j);
        accepted := case
          when left(rule, 1) = '.' then right(name, char_length(rule)) = rule
          when right(rule, 2) = '/*' then left(mime, char_length(rule) - 1) = left(rule, -1)
          else mime = rule end;
        exit when accepted;
      end loop;
      if not accepted then
        return jsonb_build_object('code', 'file_type');
      end if;
    end if;
    if field ? 'maxSizeMb' and size > private.json_double(field -> 'maxSizeMb') * 1024 * 1024 then
      return jsonb_build_object('code', 'file_size', 'params', jsonb_build_object('max', field -> 'maxSizeMb'));
    end if;
  end loop;
  if field ? 'minCount' and jsonb_array_length(answer) < (field ->> 'minCount')::numeric then
    return jsonb_build_object('code', 'min_items', 'params', jsonb_build_object('min', field -> 'minCount'));
  end if;
  return null;
end;
$$;
-- end routine

-- routine: supabase/routines/private/field_value_issue.sql
-- The type rules for one non-empty answer: null when fine, else {code, params, subPath}.
-- One branch per field type; mirrors src/field-types/*/validate.ts.
create or replace function private.field_value_issue(field jsonb, answer jsonb, today date) returns jsonb
language plpgsql immutable set search_path = '' as $$
declare
  kind text := field ->> 'type';
  vtype text := jsonb_typeof(answer);
  s text := case when jsonb_typeof(answer) = 'string' then answer #>> '{}' end;
  x float8;
  limit_text text;
  row_value jsonb;
  column_def jsonb;
  column_keys jsonb;
  cell jsonb;
  issue jsonb;
begin
  if kind in ('text', 'textarea') then
    if vtype <> 'string' then return jsonb_build_object('code', 'type'); end if;
    if field ? 'minLength' and char_length(s) < (field ->> 'minLength')::numeric then
      return jsonb_build_object('code', 'min_length', 'params', jsonb_build_object('min', field -> 'minLength'));
    end if;
    if field ? 'maxLength' and char_length(s) > (field ->> 'maxLength')::numeric then
      return jsonb_build_object('code', 'max_length', 'params', jsonb_build_object('max', field -> 'maxLength'));
    end if;
    if field ? 'pattern' and s !~ (field ->> 'pattern') then
      return jsonb_build_object('code', 'pattern');
    end if;
    return null;

  elsif kind in ('number', 'money') then
    if vtype <> 'number' then return jsonb_build_object('code', 'type'); end if;
    x := private.json_double(answer);
    if x in ('Infinity'::float8, '-Infinity'::float8) then return jsonb_build_object('code', 'type'); end if;
    if kind = 'number' and field -> 'integer' = 'true'::jsonb and x <> trunc(x) then
      return jsonb_build_object('code', 'integer');
    end if;
    -- "two decimals" means within rounding of a fen: binary doubles cannot hold 0.1 exactly
    if kind = 'money' and abs(x * 100 - round(x * 100)) >= 1e-6 then
      return jsonb_build_object('code', 'precision');
    end if;
    if field ? 'min' and x < private.json_double(field -> 'min') then
      return jsonb_build_object('code', 'min', 'params', jsonb_build_object('min', field -> 'min'));
    end if;
    if field ? 'max' and x > private.json_double(field -> 'max') then
      return jsonb_build_object('code', 'max', 'params', jsonb_build_object('max', field -> 'max'));
    end if;
    return null;

  elsif kind = 'date' then
    if vtype <> 'string' then return jsonb_build_object('code', 'type'); end if;
    if not private.is_iso_date(s) then return jsonb_build_object('code', 'date'); end if;
    if field ? 'min' then
      limit_text := case when field ->> 'min' = 'today' then to_char(today, 'YYYY-MM-DD') else field ->> 'min' end;
      if s collate "C" < limit_text collate "C" then
        return jsonb_build_object('code', 'min', 'params', jsonb_build_object('min', limit_text));
      end if;
    end if;
    if field ? 'max' then
      limit_text := case when field ->> 'max' = 'today' then to_char(today, 'YYYY-MM-DD') else field ->> 'max' end;
      if s collate "C" > limit_text collate "C" then
        return jsonb_build_object('code', 'max', 'params', jsonb_build_object('max', limit_text));
      end if;
    end if;
    return null;

  elsif kind = 'datetime' then
    if vtype <> 'string' then return jsonb_build_object('code', 'type'); end if;
    return case when private.is_iso_datetime(s) then null else jsonb_build_object('code', 'datetime') end;

  elsif kind = 'boolean' then
    return case when vtype = 'boolean' then null else jsonb_build_object('code', 'type') end;

  elsif kind = 'select' then
    if vtype <> 'string' then return jsonb_build_object('code', 'type'); end if;
    return case when private.is_option_value(field, answer) then null else jsonb_build_object('code', 'choice') end;

  elsif kind = 'multiselect' then
    if vtype <> 'array' or jsonb_path_exists(answer, 'strict $[*] ? (@.type() != "string")') then
      return jsonb_build_object('code', 'type');
    end if;
    for i in 0 .. jsonb_array_length(answer) - 1 loop
      if not private.is_option_value(field, answer -> i) then
        return jsonb_build_object('code', 'choice');
      end if;
    end loop;
    if field ? 'minItems' and jsonb_array_length(answer) < (field ->> 'minItems')::numeric then
      return jsonb_build_object('code', 'min_items', 'params', jsonb_build_object('min', field -> 'minItems'));
    end if;
    if field ? 'maxItems' and jsonb_array_length(answer) > (field ->> 'maxItems')::numeric then
      return jsonb_build_object('code', 'max_items', 'params', jsonb_build_object('max', field -> 'maxItems'));
    end if;
    return null;

  elsif kind = 'id_number' then
    if vtype <> 'string' then return jsonb_build_object('code', 'type'); end if;
    return case when private.is_valid_id_number(s, today) then null else jsonb_build_object('code', 'id_number') end;

  elsif kind = 'phone' then
    if vtype <> 'string' then return jsonb_build_object('code', 'type'); end if;
    return case when private.is_valid_phone(s, field ->> 'kind') then null else jsonb_build_object('code', 'phone') end;

  elsif kind in ('org_unit', 'user') then
    -- ids; whether they exist is for foreign data and RLS, as in the browser
    return case when vtype = 'string' and not private.is_empty_answer(answer) then null else jsonb_build_object('code', 'type') end;

  elsif kind = 'attachment' then
    return private.file_list_issue(field, answer, null);

  elsif kind = 'image' then
    return private.file_list_issue(field, answer, '["image/*"]'::jsonb);

  elsif kind = 'sub_table' then
    if vtype <> 'array' or jsonb_path_exists(answer, 'strict $[*] ? (@.type() != "object")') then
      return jsonb_build_object('code', 'type');
    end if;
    if field ? 'minRows' and jsonb_array_length(answer) < (field ->> 'minRows')::numeric then
      return jsonb_build_object('code', 'min_items', 'params', jsonb_build_object('min', field -> 'minRows'));
    end if;
    if field ? 'maxRows' and jsonb_array_length(answer) > (field ->> 'maxRows')::numeric then
      return jsonb_build_object('code', 'max_items', 'params', jsonb_build_object('max', field -> 'maxRows'));
    end if;
    column_keys := jsonb_path_query_array(field, '$.columns[*].key');
    -- the first problem wins, rows in order, columns in definition order
    for row_index in 0 .. jsonb_array_length(answer) - 1 loop
      row_value := answer -> row_index;
      if exists (select 1 from jsonb_object_keys(row_value) k where not column_keys ? k) then
        return jsonb_build_object('code', 'unknown_field', 'subPath', format('[%s].%s', row_index,
          (select k from jsonb_object_keys(row_value) k where not column_keys ? k limit 1)));
      end if;
      for column_index in 0 .. jsonb_array_length(field -> 'columns') - 1 loop
        column_def := field -> 'columns' -> column_index;
        cell := row_value -> (column_def ->> 'key');
        if private.is_empty_answer(cell) then
          if column_def -> 'required' = 'true'::jsonb then
            return jsonb_build_object('code', 'required', 'subPath', format('[%s].%s', row_index, column_def ->> 'key'));
          end if;
          continue;
        end if;
        issue := private.field_value_issue(column_def, cell, today);
        if issue is not null then
          return issue || jsonb_build_object('subPath', format('[%s].%s', row_index, column_def ->> 'key'));
        end if;
      end loop;
    end loop;
    return null;
  end if;

  raise exception using errcode = 'PT400', message = 'unknown_field_type',
    detail = jsonb_build_object('field', field ->> 'key', 'type', kind)::text,
    hint = format('未知的字段类型 "%s"（字段 "%s"） / Unknown field type "%s" (field "%s")', kind, field ->> 'key', kind, field ->> 'key');
end;
$$;
-- end routine

-- routine: supabase/routines/private/record_data_issues.sql
-- The problems in an object of answers, given the fields shown (computed once by the caller):
-- per shown field, in form order, either "required" or its type's first problem; then keys
-- that are not fields.
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
begin
  for i in 0 .. jsonb_array_length(fields) - 1 loop
    field := fields -> i;
    field_key := field ->> 'key';
    continue when not visible ? field_key;
    answer := data -> field_key;
    if private.is_empty_answer(answer) then
      condition := field -> 'requiredWhen';
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
-- field at most. Hidden fields are neither required nor checked.
create or replace function private.validate_record_data(definition jsonb, data jsonb) returns jsonb
language plpgsql stable set search_path = '' as $$
begin
  if jsonb_typeof(data) is distinct from 'object' then
    return jsonb_build_array(jsonb_build_object('field', '', 'code', 'type', 'params', '{}'::jsonb));
  end if;
  return private.record_data_issues(definition, data, private.visible_field_keys(definition -> 'fields', data), private.local_today());
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
    else code
  end;
  for param in select key, value from jsonb_each(coalesce(params, '{}')) loop
    message := replace(message, '{' || param.key || '}', param.value #>> '{}');
  end loop;
  return message;
end;
$$;
-- end routine

-- routine: supabase/routines/private/record_issue_hint.sql
-- The hint of a record_invalid error: the first problem, named by the field's labels.
create or replace function private.record_issue_hint(definition jsonb, issue jsonb) returns text
language sql immutable set search_path = '' as $$
  with f as (
    select coalesce(f ->> 'label', issue ->> 'field') as zh, coalesce(f ->> 'label_en', f ->> 'key', issue ->> 'field') as en
      from (select 1) one
      left join jsonb_array_elements(definition -> 'fields') f on f ->> 'key' = substring(issue ->> 'field' from '^[^\[]*')
  ), m as (select private.validation_message(issue ->> 'code', issue -> 'params') as text)
  select case when (issue ->> 'field') = '' then m.text
    else f.zh || coalesce(substring(issue ->> 'field' from '\[.*$'), '') || '：' || split_part(m.text, ' / ', 1)
         || ' / ' || f.en || coalesce(substring(issue ->> 'field' from '\[.*$'), '') || ': ' || split_part(m.text, ' / ', 2) end
    from f, m
$$;
-- end routine

-- routine: supabase/routines/private/checked_record_data.sql
-- The data to store: raises record_invalid (HTTP 400 through PostgREST) when it does not fit
-- the definition, else returns it without answers to hidden fields, which the browser also
-- drops before saving, so they never reach a record.
create or replace function private.checked_record_data(definition jsonb, data jsonb) returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  visible jsonb;
  issues jsonb;
begin
  if jsonb_typeof(data) is distinct from 'object' then
    issues := private.validate_record_data(definition, data);
  else
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
