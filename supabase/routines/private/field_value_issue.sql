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

  elsif kind = 'resident' then
    -- a person's id in the registry (uuid); whether the writer may link them is checked by
    -- records_link_answer / records_link_resident
    return case when vtype = 'string' and s ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then null
                else jsonb_build_object('code', 'type') end;

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
