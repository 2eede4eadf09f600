-- Optimistic concurrency for direct PATCHes of the registry tables (residents, households,
-- household_members, resident_tags): the request must carry row_version = the version it read
-- + 1, else it is refused (stale_registry_row, HTTP 409) and nothing is overwritten. A client
-- that read an older version names a number already taken; one that names no version leaves it
-- unchanged; both fail the same test (the database cannot tell "omitted" from "one behind"), so
-- the one message covers both. Returns the new version.
create or replace function private.next_registry_version(p_old int, p_new int) returns int
language plpgsql immutable set search_path = '' as $$
begin
  if p_new is distinct from p_old + 1 then
    perform private.raise_record_error('PT409', 'stale_registry_row',
      '数据已被他人修改，或修改未带版本号（读取时的 row_version 加 1）；请刷新后重试 / '
      || 'Someone else changed this entry, or the change did not send row_version (the version read + 1): reload and try again',
      jsonb_build_object('row_version', p_old));
  end if;
  return p_new;
end;
$$;

revoke execute on function private.next_registry_version(int, int) from public, anon;
grant execute on function private.next_registry_version(int, int) to authenticated, service_role;
