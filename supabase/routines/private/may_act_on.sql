-- Does the caller hold `p_action` on this service at this unit (or above)? For the RPCs.
-- security definer: as my_record_scope.
create or replace function private.may_act_on(p_action text, p_service_id uuid, p_org_unit_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from private.my_record_scope(p_action) s where s.service_id = p_service_id and s.org_unit_id = p_org_unit_id)
$$;
