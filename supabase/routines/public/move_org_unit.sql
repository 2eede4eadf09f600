-- Moves a grid to another community or a community to another street, with the official code
-- it takes there (`p_new_code`, checked against the new parent) and, when its name is already a
-- sibling's there (two 第一网格), the name it takes (`p_new_name`; null keeps the name). The
-- caller must administer both the old parent and the new one (private.check_org_unit_editable),
-- so a unit never leaves or enters a subtree behind its administrators' backs. The subtree
-- moves along: the path triggers re-root it, and a community's grids take the new community
-- code as their prefix (same sequence). Records, memberships and invitations name units by id,
-- and every scope is computed from paths when asked, so they follow the move at once: a moved
-- grid's records are read by the new street's staff and no longer by the old one's. Audited by
-- the org_units_audit trigger (the unit and each renumbered grid). Errors: org_unit_not_found
-- PT404, org_unit_move_target_invalid PT400, org_unit_forbidden PT403,
-- org_unit_level_not_editable PT403, org_unit_name_invalid PT400, org_unit_name_taken PT409, the
-- code errors of create_org_unit.
create or replace function public.move_org_unit(p_id uuid, p_new_parent_id uuid, p_new_code text, p_new_name text default null)
returns public.org_units
language plpgsql security definer set search_path = '' as $$
-- security definer: org_units has no write policies; this function is the gate.
declare
  unit public.org_units;
  new_parent public.org_units;
  descendant_ids uuid[];
  clash text;
  new_name text;
begin
  select * into unit from public.org_units where id = p_id for update;
  if unit.id is null then
    raise exception using errcode = 'PT404', message = 'org_unit_not_found', hint = '单位不存在 / No such unit';
  end if;
  perform private.check_org_unit_editable(unit.parent_id, unit.level);
  select * into new_parent from public.org_units where id = p_new_parent_id;
  if new_parent.id is null then
    raise exception using errcode = 'PT404', message = 'org_unit_not_found', hint = '目标上级单位不存在 / No such target unit';
  end if;
  if private.org_unit_level_rank(new_parent.level) <> private.org_unit_level_rank(unit.level) - 1
     or new_parent.id = unit.parent_id
     or new_parent.path = unit.path or new_parent.path like unit.path || '.%' then
    raise exception using errcode = 'PT400', message = 'org_unit_move_target_invalid',
      detail = jsonb_build_object('level', unit.level, 'target_level', new_parent.level)::text,
      hint = '请选择另一个上一级单位：网格移到其他社区，社区移到其他街道 / Choose another unit one level up: a grid moves to another community, a community to another street';
  end if;
  perform private.check_org_unit_editable(new_parent.id, unit.level);
  perform private.check_org_unit_code(p_new_code, unit.level, new_parent);
  new_name := private.checked_org_unit_name(coalesce(p_new_name, unit.name), new_parent.id, unit.id);

  -- The descendants' codes begin with the unit's: they take the new prefix. None may clash.
  select array_agg(d.id) into descendant_ids from public.org_units d where d.path like unit.path || '.%';
  select o.code into clash
    from public.org_units d
    join public.org_units o on o.code = p_new_code || substr(d.code, length(unit.code) + 1)
   where d.id = any (coalesce(descendant_ids, '{}'))
   limit 1;
  if clash is not null then
    raise exception using errcode = 'PT409', message = 'org_unit_code_taken', detail = jsonb_build_object('code', clash)::text,
      hint = format('下级单位的新编码 %s 已被其他单位使用 / The new code %s of a unit below is already used', clash, clash);
  end if;

  update public.org_units u
     set parent_id = new_parent.id, code = p_new_code, name = new_name, sort_order = right(p_new_code, 3)::int, updated_at = now()
   where u.id = unit.id;
  if descendant_ids is not null then
    update public.org_units d
       set code = p_new_code || substr(d.code, length(unit.code) + 1), updated_at = now()
     where d.id = any (descendant_ids) and left(d.code, length(unit.code)) = unit.code;
  end if;
  select * into unit from public.org_units where id = p_id;
  return unit;
end;
$$;

revoke execute on function public.move_org_unit(uuid, uuid, text, text) from public, anon;
grant execute on function public.move_org_unit(uuid, uuid, text, text) to authenticated, service_role;
