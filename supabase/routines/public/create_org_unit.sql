-- Adds a unit directly below `p_parent_id` (a grid under a community, a community under a
-- street; a street under a county for system administrators), for administrators of the parent
-- or above (private.check_org_unit_editable). The code is the official one, checked against
-- the parent's (private.check_org_unit_code); siblings are ordered by its sequence. Audited by
-- the org_units_audit trigger. Errors (message = stable code, hint zh / en):
-- org_unit_not_found PT404, org_unit_level_invalid PT400, org_unit_forbidden PT403,
-- org_unit_level_not_editable PT403, org_unit_name_invalid PT400, org_unit_name_taken PT409,
-- org_unit_code_format / org_unit_code_prefix / org_unit_code_sequence PT400, org_unit_code_taken PT409.
create or replace function public.create_org_unit(p_parent_id uuid, p_name text, p_level text, p_code text)
returns public.org_units
language plpgsql security definer set search_path = '' as $$
-- security definer: org_units has no write policies; this function is the gate and checks the
-- caller's administrator membership itself.
declare
  parent public.org_units;
  new_name text;
  created public.org_units;
begin
  select * into parent from public.org_units where id = p_parent_id;
  if parent.id is null then
    raise exception using errcode = 'PT404', message = 'org_unit_not_found', hint = '上级单位不存在 / No such parent unit';
  end if;
  if private.org_unit_level_rank(p_level) is distinct from private.org_unit_level_rank(parent.level) + 1 then
    raise exception using errcode = 'PT400', message = 'org_unit_level_invalid',
      detail = jsonb_build_object('level', p_level, 'parent_level', parent.level)::text,
      hint = '下级单位须比上级低一级：社区下建网格，街道下建社区 / A unit sits one level below its parent: grids under a community, communities under a street';
  end if;
  perform private.check_org_unit_editable(parent.id, p_level);
  new_name := private.checked_org_unit_name(p_name, parent.id);
  perform private.check_org_unit_code(p_code, p_level, parent);
  begin
    insert into public.org_units (parent_id, code, name, level, sort_order)
    values (parent.id, p_code, new_name, p_level, right(p_code, 3)::int)
    returning * into created;
  exception when unique_violation then
    -- another administrator took the code between the check and the insert
    raise exception using errcode = 'PT409', message = 'org_unit_code_taken', detail = jsonb_build_object('code', p_code)::text,
      hint = format('编码 %s 已被其他单位使用 / Code %s is already used by another unit', p_code, p_code);
  end;
  return created;
end;
$$;

revoke execute on function public.create_org_unit(uuid, text, text, text) from public, anon;
grant execute on function public.create_org_unit(uuid, text, text, text) to authenticated, service_role;
