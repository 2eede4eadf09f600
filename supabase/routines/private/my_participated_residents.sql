-- The residents linked to records the caller took part in (record_participants: created, was
-- assigned, acted), while they hold an active membership: like the records' participant arm,
-- they keep reading the person (never writing) after the record or the person left their scope.
-- plpgsql for its cached plan (see my_participated_records).
-- security definer: reads participations and records without their policies, the caller's only.
create or replace function private.my_participated_residents() returns setof uuid
language plpgsql stable security definer set search_path = '' as $$
begin
  return query
    select distinct r.resident_id
      from public.record_participants p
      join public.records r on r.id = p.record_id
     where p.user_id = (select auth.uid()) and r.resident_id is not null and r.deleted_at is null
       and exists (select 1 from public.memberships m where m.user_id = (select auth.uid()) and m.status = 'active');
end;
$$;

revoke execute on function private.my_participated_residents() from public, anon;
grant execute on function private.my_participated_residents() to authenticated, service_role;
