-- The unit a search or export is filed under in sensitive_access_log: one of the caller's active
-- units where their role holds p_action on the service (else any active unit of theirs), so the
-- administrators of the caller's own unit read what they searched or exported.
-- security definer: reads memberships and grants without their policies.
create or replace function private.sensitive_use_unit(p_service_id uuid, p_action text) returns uuid
language sql stable security definer set search_path = '' as $$
  select m.org_unit_id
    from public.memberships m
   where m.user_id = (select auth.uid()) and m.status = 'active'
   order by exists (select 1 from public.service_role_grants g
                     where g.role_key = m.role_key and g.service_id = p_service_id and g.action = p_action) desc,
            m.created_at
   limit 1
$$;

revoke execute on function private.sensitive_use_unit(uuid, text) from public, anon;
grant execute on function private.sensitive_use_unit(uuid, text) to authenticated, service_role;
