-- Refuses a registry write (residents, households, members, tags) at a unit outside the caller's
-- writing scope: the subtrees of their active memberships whose role may update records of at
-- least one service (my_scope_units('update'): staff, grid workers, community and system
-- administrators as seeded; not volunteers or leaders, who may create or read only). Changing a
-- person's data is an edit, so the grant that lets a role edit records decides. The triggers
-- call it before they look at anything else, so that somebody who may not write here learns
-- nothing (not even whether an ID number is registered), and gets a clear refusal instead of
-- RLS's generic one. Trusted writers that are no API user (migrations and the
-- seed as postgres, the service role) are not held to it; RLS does not hold them either, and a
-- security-definer RPC that writes the registry must check the caller's scope itself.
-- Also refuses a unit that is neither a grid nor a community (a person lives in a grid; a
-- community stands in when the grid is not known).
create or replace function private.check_registry_scope(p_unit_id uuid) returns void
language plpgsql stable set search_path = '' as $$
begin
  if current_user in ('authenticated', 'anon') and not (p_unit_id = any (private.my_scope_units('update'))) then
    perform private.raise_record_error('PT403', 'registry_write_forbidden',
      '您不能登记或修改此网格的居民信息 / You may not register or change residents of this grid', jsonb_build_object('org_unit_id', p_unit_id));
  end if;
  if not exists (select 1 from public.org_units u where u.id = p_unit_id and u.level in ('grid', 'community')) then
    perform private.raise_record_error('PT400', 'registry_unit_invalid',
      '请选择居住的网格（或社区）/ Choose the grid (or community) the person lives in', jsonb_build_object('org_unit_id', p_unit_id));
  end if;
end;
$$;

revoke execute on function private.check_registry_scope(uuid) from public, anon;
grant execute on function private.check_registry_scope(uuid) to authenticated, service_role;
