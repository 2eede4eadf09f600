create or replace function private.wrong_type(p_path text, p_expected text) returns jsonb
language sql immutable set search_path = '' as $$
  select private.definition_error(p_path, 'wrong_type', jsonb_build_object('expected', p_expected,
    'expected_zh', case p_expected when 'string' then '文本' when 'number' then '数字' when 'int' then '整数'
      when 'boolean' then '布尔值（true/false）' when 'array' then '数组' else '对象' end))
$$;
