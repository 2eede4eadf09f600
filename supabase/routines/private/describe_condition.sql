-- A transition guard (a rule condition: all / any / not over leaves) in words, {zh, en}, for the
-- reason transition_record gives when it refuses; worded exactly as describeCondition in
-- src/services/describeCondition.ts, so the browser's tooltip and the refusal read alike.
create or replace function private.describe_condition(fields jsonb, condition jsonb) returns jsonb
language plpgsql immutable set search_path = '' as $$
declare
  parts jsonb;
  field jsonb;
  label_zh text;
  label_en text;
  other_zh text;
  other_en text;
  pattern_zh text;
  pattern_en text;
  leaf_op text := condition ->> 'op';
begin
  if condition ? 'all' or condition ? 'any' then
    select jsonb_build_object(
             'zh', string_agg(private.describe_condition(fields, c) ->> 'zh', case when condition ? 'all' then '，且' else '，或' end order by n),
             'en', string_agg(private.describe_condition(fields, c) ->> 'en', case when condition ? 'all' then ', and ' else ', or ' end order by n))
      into parts
      from jsonb_array_elements(coalesce(condition -> 'all', condition -> 'any')) with ordinality as x(c, n);
    if condition ? 'any' then
      return jsonb_build_object('zh', '（' || (parts ->> 'zh') || '）', 'en', '(' || (parts ->> 'en') || ')');
    end if;
    return parts;
  elsif condition ? 'not' then
    parts := private.describe_condition(fields, condition -> 'not');
    return jsonb_build_object('zh', '并非（' || (parts ->> 'zh') || '）', 'en', 'not (' || (parts ->> 'en') || ')');
  end if;
  select f into field from jsonb_array_elements(fields) f where f ->> 'key' = condition ->> 'field';
  label_zh := '「' || coalesce(field ->> 'label', condition ->> 'field') || '」';
  label_en := '"' || coalesce(field ->> 'label_en', field ->> 'label', condition ->> 'field') || '"';
  if leaf_op = 'empty' then
    return jsonb_build_object('zh', label_zh || '未填写', 'en', label_en || ' is empty');
  elsif leaf_op = 'not_empty' then
    return jsonb_build_object('zh', label_zh || '已填写', 'en', label_en || ' is filled in');
  end if;
  if condition ? 'valueFrom' then
    select '「' || coalesce(f ->> 'label', condition ->> 'valueFrom') || '」',
           '"' || coalesce(f ->> 'label_en', f ->> 'label', condition ->> 'valueFrom') || '"'
      into other_zh, other_en
      from (select (select f from jsonb_array_elements(fields) f where f ->> 'key' = condition ->> 'valueFrom') as f) x;
  else
    select string_agg(v.zh, '、' order by n), string_agg(v.en, ', ' order by n) into other_zh, other_en
      from jsonb_array_elements(case when jsonb_typeof(condition -> 'value') = 'array' then condition -> 'value'
                                     else jsonb_build_array(condition -> 'value') end) with ordinality as x(item, n)
      cross join lateral (
        select case
                 when o is not null then '「' || coalesce(o ->> 'label', item #>> '{}') || '」'
                 when jsonb_typeof(item) = 'boolean' then case when item = 'true'::jsonb then '是' else '否' end
                 when jsonb_typeof(item) = 'object' then '今天'
                 else item #>> '{}' end as zh,
               case
                 when o is not null then '"' || coalesce(o ->> 'label_en', o ->> 'label', item #>> '{}') || '"'
                 when jsonb_typeof(item) = 'boolean' then case when item = 'true'::jsonb then 'yes' else 'no' end
                 when jsonb_typeof(item) = 'object' then 'today'
                 else item #>> '{}' end as en
          from (select (select o from jsonb_array_elements(case when jsonb_typeof(field -> 'options') = 'array' then field -> 'options' else '[]' end) o
                         where o -> 'value' = item limit 1) as o) y
      ) v;
  end if;
  select p.zh, p.en into pattern_zh, pattern_en from (values
    ('eq', '{l}为{v}', '{l} is {v}'),
    ('neq', '{l}不为{v}', '{l} is not {v}'),
    ('in', '{l}为{v}之一', '{l} is one of {v}'),
    ('nin', '{l}不为{v}中任一', '{l} is none of {v}'),
    ('gt', '{l} > {v}', '{l} > {v}'),
    ('gte', '{l} ≥ {v}', '{l} ≥ {v}'),
    ('lt', '{l} < {v}', '{l} < {v}'),
    ('lte', '{l} ≤ {v}', '{l} ≤ {v}')
  ) as p(key, zh, en) where p.key = leaf_op;
  return jsonb_build_object(
    'zh', replace(replace(coalesce(pattern_zh, '{l} {v}'), '{l}', label_zh), '{v}', coalesce(other_zh, '')),
    'en', replace(replace(coalesce(pattern_en, '{l} {v}'), '{l}', label_en), '{v}', coalesce(other_en, '')));
end;
$$;

revoke execute on function private.describe_condition(jsonb, jsonb) from public, anon;
grant execute on function private.describe_condition(jsonb, jsonb) to authenticated, service_role;
