-- Raises the error for an official code that does not fit a unit of `p_level` under `p_parent`
-- (private.org_unit_code_issue) or that another unit holds; codes are never shared, and a
-- moved unit's old code is free again only once it has left it.
create or replace function private.check_org_unit_code(p_code text, p_level text, p_parent public.org_units) returns void
language plpgsql stable set search_path = '' as $$
declare
  issue text := private.org_unit_code_issue(p_code, p_level, p_parent.code);
  expected_length int := case p_level when 'county' then 6 when 'street' then 9 when 'community' then 12 when 'grid' then 15 end;
  err_detail text := jsonb_build_object('code', p_code, 'level', p_level, 'parent_code', p_parent.code, 'length', expected_length)::text;
begin
  if issue = 'org_unit_code_format' then
    raise exception using errcode = 'PT400', message = issue, detail = err_detail,
      hint = format('编码须为 %s 位数字 / The code must be %s digits', expected_length, expected_length);
  elsif issue = 'org_unit_code_prefix' then
    raise exception using errcode = 'PT400', message = issue, detail = err_detail,
      hint = format('编码须以上级单位的编码 %s 开头 / The code must begin with the parent''s code %s', p_parent.code, p_parent.code);
  elsif issue = 'org_unit_code_sequence' then
    raise exception using errcode = 'PT400', message = issue, detail = err_detail,
      hint = '编码末尾的序号不能全为 0 / The sequence at the end of the code cannot be all zeros';
  end if;
  if exists (select 1 from public.org_units u where u.code = p_code) then
    raise exception using errcode = 'PT409', message = 'org_unit_code_taken', detail = err_detail,
      hint = format('编码 %s 已被其他单位使用 / Code %s is already used by another unit', p_code, p_code);
  end if;
end;
$$;
