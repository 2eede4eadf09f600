-- A unit's name as it will be stored (trimmed), or an error: blank or over 60 characters
-- (org_unit_name_invalid), or the name of a sibling under the same parent (org_unit_name_taken:
-- two 第一网格 in one community could not be told apart in pickers and headers).
create or replace function private.checked_org_unit_name(p_name text, p_parent_id uuid, p_unit_id uuid default null) returns text
language plpgsql stable set search_path = '' as $$
declare
  tidy_name text := private.tidy_text(p_name);
begin
  if private.is_blank_text(tidy_name) or length(tidy_name) > 60 then
    raise exception using errcode = 'PT400', message = 'org_unit_name_invalid',
      hint = '请填写单位名称（最多 60 个字） / Enter the unit''s name (at most 60 characters)';
  end if;
  if exists (select 1 from public.org_units u where u.parent_id = p_parent_id and u.name = tidy_name and u.id is distinct from p_unit_id) then
    raise exception using errcode = 'PT409', message = 'org_unit_name_taken', detail = jsonb_build_object('name', tidy_name)::text,
      hint = format('同一上级下已有名为「%s」的单位 / The parent already has a unit named "%s"', tidy_name, tidy_name);
  end if;
  return tidy_name;
end;
$$;
