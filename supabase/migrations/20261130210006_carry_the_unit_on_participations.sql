-- private.participant_units (…210001) was upserted per participation by a statement trigger on
-- record_participants, and participations are written one nested statement per record: two
-- connections seeding in parallel took its rows' locks in opposite orders and deadlocked (the
-- 1M bench's seeding stopped on it). The unit now rides on each participation instead
-- (record_participants.org_unit_id, filled on insert, moved with its record), which no two
-- writers share, and my_readable_units reads it from an index on (user_id, org_unit_id).
-- Routines between "-- routine:" and "-- end routine" are copies written by
-- `npm run db:migration`; edit supabase/routines/, never the copy.

-- Hand-written DDL the routines rely on (tables, columns, types), or nothing.

alter table public.record_participants add column org_unit_id uuid;
comment on column public.record_participants.org_unit_id is 'The unit where the record sits (filled on insert, moved with the record): the records policy''s unit list reads it.';

-- routine: supabase/routines/private/my_readable_units.sql
-- The units of the records the caller may read, as one array for the records policy's index
-- condition: the subtrees where their roles may read (my_scope_units('read')), and the units
-- where records they took part in sit (record_participants.org_unit_id, kept on a move; only
-- while they hold an active membership), read from the participations alone (an index-only
-- scan), not by joining each to its record (≈ 23 ms per query for 9,000 participations). A
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
      select p.org_unit_id
        from public.record_participants p
       where p.user_id = (select auth.uid()) and p.org_unit_id is not null
         and exists (select 1 from public.memberships m where m.user_id = (select auth.uid()) and m.status = 'active')
    ) x);
end;
$$;

revoke execute on function private.my_readable_units() from public, anon;
grant execute on function private.my_readable_units() to authenticated, service_role;
-- end routine

-- routine: supabase/routines/private/note_moved_record_units.sql
-- AFTER UPDATE OF org_unit_id on records (an escalation moves a record up the tree): its
-- participations follow it to the new unit, where their participants keep reading it
-- (my_readable_units reads record_participants.org_unit_id).
-- security definer: record_participants has no write policy; only triggers write it.
create or replace function private.note_moved_record_units() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  update public.record_participants p set org_unit_id = new.org_unit_id where p.record_id = new.id;
  return null;
end;
$$;
-- end routine

-- routine: supabase/routines/private/record_participants_fill_unit.sql
-- BEFORE INSERT on record_participants: the participation carries the unit where its record
-- sits (kept on a move by note_moved_record_units), so my_readable_units reads a participant's
-- units from their own rows instead of joining every participation to its record per query.
-- One row per participation, no shared counter: parallel writers never wait on each other here.
create or replace function private.record_participants_fill_unit() returns trigger
language plpgsql set search_path = '' as $$
begin
  if new.org_unit_id is null then
    new.org_unit_id := (select r.org_unit_id from public.records r where r.id = new.record_id);
  end if;
  return new;
end;
$$;
-- end routine

-- Hand-written DDL that names the routines (triggers, policies, grants), or nothing.

drop trigger record_participants_note_units on public.record_participants;
drop function private.note_participant_units();
drop table private.participant_units;

revoke execute on function private.record_participants_fill_unit() from public, anon;
create trigger record_participants_fill_unit
before insert on public.record_participants
for each row execute function private.record_participants_fill_unit();

update public.record_participants p set org_unit_id = r.org_unit_id from public.records r where r.id = p.record_id;
create index record_participants_user_unit_idx on public.record_participants (user_id, org_unit_id);
