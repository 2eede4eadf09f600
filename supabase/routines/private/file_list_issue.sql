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
