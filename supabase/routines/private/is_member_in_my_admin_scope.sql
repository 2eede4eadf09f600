-- Does the user (audit_log.row_id, text) hold a membership (any status) at a unit the caller
-- administers? Takes text: the policy must not cast other tables' row ids (role keys) to uuid.
-- security definer: reads memberships without recursing into their policies.
create or replace function private.is_member_in_my_admin_scope(p_user_id text) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.memberships m join public.org_units u on u.id = m.org_unit_id
     where m.user_id::text = p_user_id and private.path_within(u.path, private.my_admin_unit_paths())
  )
$$;

revoke execute on function private.is_member_in_my_admin_scope(text) from public, anon;
grant execute on function private.is_member_in_my_admin_scope(text) to authenticated, service_role;
