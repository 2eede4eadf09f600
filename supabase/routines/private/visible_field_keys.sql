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
