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
