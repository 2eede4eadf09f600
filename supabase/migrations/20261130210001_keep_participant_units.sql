-- The records policy narrows its index condition to my_readable_units(): the caller's scope
-- plus the units of the records they took part in. That second part joined every participation
-- to its record on every query: measured at 150k records, a staff member who had taken part in
-- 9,000 records paid ≈ 23 ms per list query for it (the scan itself took 1 ms). The units are now
-- kept per user in private.participant_units by triggers (a new participation; a record moved
-- by escalation), filled here from the participations so far.
-- Routines between "-- routine:" and "-- end routine" are copies written by
-- `npm run db:migration`; edit supabase/routines/, never the copy.

-- Hand-written DDL the routines rely on (tables, columns, types), or nothing.

create table private.participant_units (
  user_id uuid not null,
  org_unit_id uuid not null,
  primary key (user_id, org_unit_id)
);
comment on table private.participant_units is 'Units where records a user took part in sit or sat (a superset: never pruned), for my_readable_units; written only by triggers.';

-- routine: supabase/routines/private/my_readable_units.sql
-- The units of the records the caller may read, as one array for the records policy's index
-- condition: the subtrees where their roles may read (my_scope_units('read')), and the units
-- where records they took part in sit or sat (private.participant_units, kept by triggers on
-- record_participants and on a record's move; only while they hold an active membership). A
-- superset is harmless: the policy's exact arms decide. One function, one initplan, as
-- my_readable_services.
-- plpgsql, not sql: its query plan is cached for the session (PostgREST's pooled connections),
-- where a sql function is planned again on every call (≈ 0.3 ms of the policy's fixed cost).
-- security definer: reads memberships, grants, participations and records without their policies.
create or replace function private.my_readable_units() returns uuid[]
language plpgsql stable security definer set search_path = '' as $$
begin
  return (select coalesce(array_agg(distinct x.id), '{}')
    from (
      select unit.id
        from public.memberships m
        join public.org_units mine on mine.id = m.org_unit_id
        join public.org_units unit on unit.path = mine.path or unit.path like mine.path || '.%'
       where m.user_id = (select auth.uid()) and m.status = 'active'
         and exists (select 1 from public.service_role_grants g where g.role_key = m.role_key and g.action = 'read')
      union all
      select pu.org_unit_id
        from private.participant_units pu
       where pu.user_id = (select auth.uid())
         and exists (select 1 from public.memberships m where m.user_id = (select auth.uid()) and m.status = 'active')
    ) x);
end;
$$;

revoke execute on function private.my_readable_units() from public, anon;
grant execute on function private.my_readable_units() to authenticated, service_role;
-- end routine

-- routine: supabase/routines/private/note_moved_record_units.sql
-- AFTER UPDATE OF org_unit_id on records (an escalation moves a record up the tree): its
-- participants keep reading it at its new unit, so that unit joins their participant_units.
-- The old unit stays: the list is a superset, used only to narrow the records policy's index
-- condition; the policy's participant arm decides which records are read.
-- security definer: participant_units is private; only these triggers write it.
create or replace function private.note_moved_record_units() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into private.participant_units (user_id, org_unit_id)
  select distinct p.user_id, new.org_unit_id from public.record_participants p where p.record_id = new.id
  on conflict do nothing;
  return null;
end;
$$;
-- end routine

-- routine: supabase/routines/private/note_participant_units.sql
-- AFTER INSERT on record_participants (per statement): the units where the new participations'
-- records sit join their participants' private.participant_units, which my_readable_units reads
-- instead of joining every participation to its record on every query (a staff member who had
-- taken part in 9,000 records paid ≈ 20 ms per list query for that join).
-- security definer: participant_units is private; only these triggers write it.
create or replace function private.note_participant_units() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into private.participant_units (user_id, org_unit_id)
  select distinct a.user_id, r.org_unit_id
    from added a join public.records r on r.id = a.record_id
  on conflict do nothing;
  return null;
end;
$$;
-- end routine

-- Hand-written DDL that names the routines (triggers, policies, grants), or nothing.

revoke execute on function private.note_participant_units() from public, anon;
revoke execute on function private.note_moved_record_units() from public, anon;

create trigger record_participants_note_units
after insert on public.record_participants
referencing new table as added
for each statement execute function private.note_participant_units();

create trigger records_note_moved_units
after update of org_unit_id on public.records
for each row when (old.org_unit_id is distinct from new.org_unit_id)
execute function private.note_moved_record_units();

insert into private.participant_units (user_id, org_unit_id)
select distinct p.user_id, r.org_unit_id from public.record_participants p join public.records r on r.id = p.record_id
on conflict do nothing;
