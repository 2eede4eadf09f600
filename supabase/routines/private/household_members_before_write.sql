-- BEFORE INSERT, UPDATE OR DELETE on public.household_members (one row per person: the
-- household they belong to and their GB/T 4761 relation to its head, 02 户主 for the head).
-- Both the person and the household must be in the caller's writing scope; one head per
-- household (the partial unique index holds it under concurrency, this gives the clear
-- message); a person changes household by an UPDATE, leaves by a DELETE. Every change is an
-- event of the person (member_added / member_changed / member_removed).
create or replace function private.household_members_before_write() returns trigger
language plpgsql set search_path = '' as $$
declare
  member public.household_members := case when tg_op = 'DELETE' then old else new end;
  resident_unit uuid;
  household_unit uuid;
begin
  select r.grid_org_unit_id into resident_unit from public.residents r where r.id = member.resident_id;
  select h.grid_org_unit_id into household_unit from public.households h where h.id = member.household_id;
  if resident_unit is null or household_unit is null then
    perform private.raise_record_error('PT404', 'registry_row_not_found',
      '居民或户不存在或无权访问 / No such resident or household, or not yours to see');
  end if;
  perform private.check_registry_scope(resident_unit);
  perform private.check_registry_scope(household_unit);
  if tg_op = 'DELETE' then
    perform private.append_resident_event(old.resident_id, old.household_id, 'member_removed',
      jsonb_build_object('household_id', jsonb_build_array(old.household_id, null), 'relation', jsonb_build_array(old.relation, null)));
    return old;
  end if;
  if tg_op = 'INSERT' then
    new.row_version := 1;
    new.created_at := now();
    new.created_by := (select auth.uid());
  else
    new.row_version := private.next_registry_version(old.row_version, new.row_version);
    new.resident_id := old.resident_id;
    new.created_at := old.created_at;
    new.created_by := old.created_by;
    if old.household_id <> new.household_id then
      perform private.check_registry_scope((select h.grid_org_unit_id from public.households h where h.id = old.household_id));
    end if;
  end if;
  new.updated_at := now();
  new.updated_by := (select auth.uid());
  perform private.check_resident_code('household_relation', new.relation);
  if new.relation = '02' and exists (select 1 from public.household_members m
                                      where m.household_id = new.household_id and m.relation = '02' and m.resident_id <> new.resident_id) then
    perform private.raise_record_error('PT409', 'household_head_exists',
      '该户已有户主 / This household already has a head', jsonb_build_object('household_id', new.household_id));
  end if;
  if tg_op = 'INSERT' then
    perform private.append_resident_event(new.resident_id, new.household_id, 'member_added',
      jsonb_build_object('household_id', jsonb_build_array(null, new.household_id), 'relation', jsonb_build_array(null, new.relation)));
  elsif old.household_id <> new.household_id or old.relation <> new.relation then
    perform private.append_resident_event(new.resident_id, new.household_id, 'member_changed',
      private.data_diff(jsonb_build_object('household_id', old.household_id, 'relation', old.relation),
                        jsonb_build_object('household_id', new.household_id, 'relation', new.relation)));
  end if;
  return new;
end;
$$;

revoke execute on function private.household_members_before_write() from public, anon;
