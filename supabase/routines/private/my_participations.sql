-- The live records the caller took part in (created, was assigned, acted on), with the service
-- and unit each has now. The records policy turns these into its arrays and its hashed id set
-- once per query, like the scope helpers. Nothing without an active membership: an account that
-- no longer belongs reads nothing, participations included.
-- security definer: reads record_participants and records without their policies (the records
-- policy itself calls it).
create or replace function private.my_participations()
returns table (record_id uuid, service_id uuid, org_unit_id uuid)
language sql stable security definer set search_path = '' as $$
  select r.id, r.service_id, r.org_unit_id
    from public.record_participants p
    join public.records r on r.id = p.record_id
   where p.user_id = (select auth.uid()) and r.deleted_at is null
     and private.has_active_membership()
$$;

revoke execute on function private.my_participations() from public, anon;
grant execute on function private.my_participations() to authenticated, service_role;
