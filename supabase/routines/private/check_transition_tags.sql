-- The definition check's part for outcomes written to the registry (issue 12, item 4), as
-- src/services/workflowSchema.ts (tagWriteSchema) and crossCheckTagWrites.ts check them: a
-- transition's `tags` is a list of {tag, action: set | end, note?, when?} (when: a condition on
-- non-sensitive answers, private.check_rule_condition); it needs a `resident` field
-- (the person the tags are written to); a tag appears once per transition; it names a kind of
-- public.resident_tag_kinds — the one check the browser cannot make, reported like eligibility's
-- (invalid_value listing the kinds) — that is not derived from the birth date (min_age: 60岁以上,
-- 80岁以上 are computed, never stored). Called by check_service_definition once fields and
-- transitions are arrays.
create or replace function private.check_transition_tags(def jsonb) returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  errors jsonb := '[]';
  transition jsonb;
  item jsonb;
  i int;
  j int;
  at text;
  seen text[];
  links_person boolean := exists (select 1 from jsonb_array_elements(def -> 'fields') f where jsonb_typeof(f) = 'object' and f ->> 'type' = 'resident');
  kinds text := (select string_agg(k.key, ' | ' order by k.sort_order) from public.resident_tag_kinds k where k.min_age is null);
begin
  for transition, i in select t, (n - 1)::int from jsonb_array_elements(def #> '{workflow,transitions}') with ordinality as x(t, n) loop
    continue when jsonb_typeof(transition) <> 'object' or not transition ? 'tags';
    at := format('workflow.transitions[%s].tags', i);
    if jsonb_typeof(transition -> 'tags') <> 'array' then
      errors := errors || private.wrong_type(at, 'array');
      continue;
    end if;
    continue when jsonb_array_length(transition -> 'tags') = 0;
    if not links_person then
      errors := errors || private.definition_error(at, 'tags_need_resident_field');
      continue;
    end if;
    seen := '{}';
    for item, j in select g, (n - 1)::int from jsonb_array_elements(transition -> 'tags') with ordinality as x(g, n) loop
      if jsonb_typeof(item) <> 'object' then
        errors := errors || private.wrong_type(format('%s[%s]', at, j), 'object');
        continue;
      end if;
      if exists (select 1 from jsonb_object_keys(item) k where k not in ('tag', 'action', 'note', 'when')) then
        errors := errors || private.definition_error(format('%s[%s]', at, j), 'unknown_property',
          jsonb_build_object('key', (select k from jsonb_object_keys(item) k where k not in ('tag', 'action', 'note', 'when') limit 1)));
      end if;
      if item ? 'when' then
        errors := errors || private.check_rule_condition(def, item -> 'when', format('%s[%s].when', at, j), coalesce(item ->> 'tag', ''));
      end if;
      if coalesce(item ->> 'action', '') not in ('set', 'end') then
        errors := errors || private.definition_error(format('%s[%s].action', at, j), 'invalid_value', '{"values": "set | end"}');
      end if;
      if item ? 'note' and (jsonb_typeof(item -> 'note') <> 'string' or char_length(item ->> 'note') > 200) then
        errors := errors || private.definition_error(format('%s[%s].note', at, j), 'wrong_type',
          '{"expected": "a text of at most 200 characters", "expected_zh": "不超过 200 字的文本"}');
      end if;
      if jsonb_typeof(item -> 'tag') is distinct from 'string' then
        errors := errors || private.definition_error(format('%s[%s].tag', at, j), 'required');
      elsif exists (select 1 from public.resident_tag_kinds k where k.key = item ->> 'tag' and k.min_age is not null) then
        errors := errors || private.definition_error(format('%s[%s].tag', at, j), 'tag_derived', jsonb_build_object('tag', item ->> 'tag'));
      elsif not exists (select 1 from public.resident_tag_kinds k where k.key = item ->> 'tag') then
        errors := errors || private.definition_error(format('%s[%s].tag', at, j), 'invalid_value', jsonb_build_object('values', kinds));
      elsif item ->> 'tag' = any (seen) then
        errors := errors || private.definition_error(format('%s[%s].tag', at, j), 'duplicate_key', jsonb_build_object('key', item ->> 'tag'));
      end if;
      seen := seen || (item ->> 'tag');
    end loop;
  end loop;
  return errors;
end;
$$;

revoke execute on function private.check_transition_tags(jsonb) from public, anon;
grant execute on function private.check_transition_tags(jsonb) to authenticated, service_role;
