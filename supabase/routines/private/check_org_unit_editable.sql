-- May the caller add, rename, move or delete a unit of `p_level` under the unit `p_parent_id`?
-- Administrators (community_admin, system_admin) edit strictly below where they hold the role:
-- the parent must be theirs or inside their subtree, so a community administrator shapes their
-- grids but not their own community, which its street decides. Communities and grids are the
-- everyday edits; streets change by government decision and only a system administrator edits
-- them; counties and the prefecture are not edited here. Raises org_unit_forbidden (PT403) or
-- org_unit_level_not_editable (PT403).
-- security definer: administers() reads memberships.
create or replace function private.check_org_unit_editable(p_parent_id uuid, p_level text) returns void
language plpgsql stable security definer set search_path = '' as $$
begin
  if p_level not in ('street', 'community', 'grid') or (p_level = 'street' and not private.is_system_admin()) then
    raise exception using errcode = 'PT403', message = 'org_unit_level_not_editable',
      detail = jsonb_build_object('level', p_level)::text,
      hint = '社区和网格由上级管理员调整；街道乡镇只有系统管理员可以调整，县市和州不在此调整 / Administrators edit communities and grids; only a system administrator edits streets and towns; counties and the prefecture are not edited here';
  end if;
  if p_parent_id is null or not private.can_administer_unit(p_parent_id) then
    raise exception using errcode = 'PT403', message = 'org_unit_forbidden',
      hint = '只有上级单位的管理员可以调整组织架构 / Only administrators of the unit above may change the org tree here';
  end if;
end;
$$;
