-- 组织架构 editing for administrators within their subtree (issue 10, item 6): add, rename,
-- move and delete grids and communities (streets: system administrators) through four RPCs,
-- with official codes checked against the parent's (GB/T 2260 → GB/T 10114 → 统计用区划代码 →
-- grid sequence). org_units keeps no write policies: the RPCs are the only way in and decide
-- who may. Records, memberships and invitations name units by id and every scope is computed
-- from paths per query, so a move carries them along; the path triggers re-root the subtree.
-- Every change a person makes is audited (org_units_audit → audit_log, under the parent unit,
-- so the administrators above see it; a deleted unit's entry stays readable that way too).
-- Routines between "-- routine:" and "-- end routine" are copies written by
-- `npm run db:migration`; edit supabase/routines/, never the copy.

-- Hand-written DDL the routines rely on (tables, columns, types), or nothing.


-- routine: supabase/routines/private/org_unit_code_issue.sql
-- What is wrong with an official code for a new unit of `p_level` under a parent coded
-- `p_parent_code`, or null. The codes nest (domain.md §3): a street's 9 digits are its county's
-- 6 (GB/T 2260) plus 3 (GB/T 10114), a community's 12 its street's 9 plus 3 (统计用区划代码),
-- a grid's 15 its community's 12 plus a 3-digit sequence; a county's 6 share the prefecture's
-- first 4. The added digits are a sequence and never all zeros. The SPA's twin is
-- src/contract/orgUnitCodes.ts (orgUnitCodeIssue): same rules, same codes.
--   org_unit_code_format   not digits, or not the level's length
--   org_unit_code_prefix   does not begin with the parent's code
--   org_unit_code_sequence the added digits are all zeros
create or replace function private.org_unit_code_issue(p_code text, p_level text, p_parent_code text) returns text
language sql immutable set search_path = '' as $$
  with shape as (
    select case p_level when 'county' then 6 when 'street' then 9 when 'community' then 12 when 'grid' then 15 end as total,
           case p_level when 'county' then 4 when 'street' then 6 when 'community' then 9 when 'grid' then 12 end as prefix
  )
  select case
           when s.total is null or p_code is null or p_code !~ '^[0-9]+$' or length(p_code) <> s.total then 'org_unit_code_format'
           when p_parent_code is null or left(p_code, s.prefix) <> left(p_parent_code, s.prefix) then 'org_unit_code_prefix'
           when substr(p_code, s.prefix + 1) ~ '^0+$' then 'org_unit_code_sequence'
         end
    from shape s
$$;
-- end routine

-- routine: supabase/routines/private/check_org_unit_code.sql
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
-- end routine

-- routine: supabase/routines/private/check_org_unit_editable.sql
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
-- end routine

-- routine: supabase/routines/private/checked_org_unit_name.sql
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
-- end routine

-- routine: supabase/routines/public/create_org_unit.sql
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
-- end routine

-- routine: supabase/routines/public/rename_org_unit.sql
-- Renames a unit, for administrators of its parent or above. `p_expected_name` is the name the
-- administrator saw: if someone renamed the unit meanwhile the rename is refused
-- (org_unit_changed PT409, naming the current name) instead of overwriting theirs. Records and
-- memberships name the unit by id, so they show the new name at once. Audited by the
-- org_units_audit trigger. Other errors: org_unit_not_found PT404, org_unit_forbidden PT403,
-- org_unit_level_not_editable PT403, org_unit_name_invalid PT400, org_unit_name_taken PT409.
create or replace function public.rename_org_unit(p_id uuid, p_name text, p_expected_name text default null)
returns public.org_units
language plpgsql security definer set search_path = '' as $$
-- security definer: org_units has no write policies; this function is the gate.
declare
  unit public.org_units;
  new_name text;
begin
  select * into unit from public.org_units where id = p_id for update;
  if unit.id is null then
    raise exception using errcode = 'PT404', message = 'org_unit_not_found', hint = '单位不存在 / No such unit';
  end if;
  perform private.check_org_unit_editable(unit.parent_id, unit.level);
  if p_expected_name is not null and unit.name <> p_expected_name then
    raise exception using errcode = 'PT409', message = 'org_unit_changed', detail = jsonb_build_object('name', unit.name)::text,
      hint = format('该单位已被他人改名为「%s」，请刷新后再试 / Someone renamed this unit to "%s" meanwhile; refresh and try again', unit.name, unit.name);
  end if;
  new_name := private.checked_org_unit_name(p_name, unit.parent_id, unit.id);
  if new_name = unit.name then
    return unit; -- nothing to change, nothing to audit
  end if;
  update public.org_units u set name = new_name, updated_at = now() where u.id = unit.id returning u.* into unit;
  return unit;
end;
$$;

revoke execute on function public.rename_org_unit(uuid, text, text) from public, anon;
grant execute on function public.rename_org_unit(uuid, text, text) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/public/move_org_unit.sql
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
-- end routine

-- routine: supabase/routines/public/delete_org_unit.sql
-- Deletes a unit created by mistake, for administrators of its parent or above: only while
-- nothing names it — no units below it, no memberships or invitations (any status), no records
-- filed there or that ever passed through it (their history names it), no services or roles
-- it owns. Otherwise org_unit_not_empty (PT409) says what is left, in numbers. A unit that
-- served people is kept: official codes are retired, never reused (domain.md §3). Audited by the
-- org_units_audit trigger. Other errors: org_unit_not_found PT404, org_unit_forbidden PT403,
-- org_unit_level_not_editable PT403.
create or replace function public.delete_org_unit(p_id uuid)
returns public.org_units
language plpgsql security definer set search_path = '' as $$
-- security definer: org_units has no write policies, and what names the unit is counted past
-- the caller's RLS (a record they may not read still keeps the unit).
declare
  unit public.org_units;
  counts jsonb;
  zh text;
  en text;
begin
  select * into unit from public.org_units where id = p_id for update;
  if unit.id is null then
    raise exception using errcode = 'PT404', message = 'org_unit_not_found', hint = '单位不存在 / No such unit';
  end if;
  perform private.check_org_unit_editable(unit.parent_id, unit.level);
  counts := jsonb_strip_nulls(jsonb_build_object(
    'children', nullif((select count(*) from public.org_units c where c.parent_id = unit.id), 0),
    'memberships', nullif((select count(*) from public.memberships m where m.org_unit_id = unit.id), 0),
    'invitations', nullif((select count(*) from public.invitations i where i.org_unit_id = unit.id), 0),
    'records', nullif((select count(*) from public.records r where r.org_unit_id = unit.id)
                    + (select count(distinct e.record_id) from public.record_events e
                        where e.org_unit_id = unit.id and not exists (select 1 from public.records r where r.id = e.record_id and r.org_unit_id = unit.id)), 0),
    'services', nullif((select count(*) from public.services s where s.owner_org_unit_id = unit.id), 0),
    'roles', nullif((select count(*) from public.roles ro where ro.owner_org_unit_id = unit.id), 0)
  ));
  if counts <> '{}' then
    select string_agg(format('%s %s', v, case k when 'children' then '个下级单位' when 'memberships' then '条成员身份' when 'invitations' then '个邀请'
                                          when 'records' then '条记录' when 'services' then '个服务' else '个角色' end), '、'),
           string_agg(format('%s %s', v, case k when 'children' then 'units below it' when 'memberships' then 'memberships' when 'invitations' then 'invitations'
                                          when 'records' then 'records' when 'services' then 'services' else 'roles' end), ', ')
      into zh, en
      from jsonb_each_text(counts) as c(k, v);
    raise exception using errcode = 'PT409', message = 'org_unit_not_empty', detail = counts::text,
      hint = format('该单位还有 %s，不能删除 / The unit still has %s, so it cannot be deleted', zh, en);
  end if;
  delete from public.org_units u where u.id = unit.id;
  return unit;
end;
$$;

revoke execute on function public.delete_org_unit(uuid) from public, anon;
grant execute on function public.delete_org_unit(uuid) to authenticated, service_role;
-- end routine

-- Hand-written DDL that names the routines (triggers, policies, grants), or nothing.
revoke execute on function private.org_unit_code_issue(text, text, text) from public, anon, authenticated;
revoke execute on function private.check_org_unit_code(text, text, public.org_units) from public, anon, authenticated;
revoke execute on function private.check_org_unit_editable(uuid, text) from public, anon, authenticated;
revoke execute on function private.checked_org_unit_name(text, uuid, uuid) from public, anon, authenticated;

-- Audited when a person changes the tree (through the RPCs, as auth.uid(), or with the service
-- role). The seed and migrations load the official tree as reference data as `postgres` with no
-- user: ≈300 inserts that would bury the log. Repaths (path, depth) are the consequence of a
-- move, already logged as the parent_id change, so only name, code and parent_id count.
create trigger org_units_audit
after insert or delete or update of name, code, parent_id on public.org_units
for each row
when (auth.uid() is not null or current_user not in ('postgres', 'supabase_admin'))
execute function private.audit_config_change('id', 'parent_id');

-- The subtree follows a move. The trigger of 20261126000100 fired on `update of path`, but a
-- column-list trigger fires only for columns the UPDATE names, and path is set by the BEFORE
-- trigger, never named: moving a community left its grids' paths under the old street (found
-- by tests/db/org-unit-admin). Any change of path re-roots the descendants now; the function's
-- pg_trigger_depth() = 1 keeps their own updates from cascading again.
drop trigger org_units_repath_children on public.org_units;
create trigger org_units_repath_children
after update on public.org_units
for each row
when (new.path is distinct from old.path)
execute function private.org_units_repath_children();
