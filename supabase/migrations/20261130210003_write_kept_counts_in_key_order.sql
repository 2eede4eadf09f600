-- Two connections inserting records in bulk at once (npm run seed's parallel workers) deadlocked
-- on the kept counts: each statement upserted its cells of record_month_counts (and its new
-- participant_units) in whatever order its rows came. Both triggers now write in key order, so
-- writers touching the same cells take their locks in the same order.
-- Routines between "-- routine:" and "-- end routine" are copies written by
-- `npm run db:migration`; edit supabase/routines/, never the copy.

-- Hand-written DDL the routines rely on (tables, columns, types), or nothing.

-- routine: supabase/routines/private/count_record_months.sql
-- AFTER INSERT / UPDATE on records (per statement, with the transition tables): keeps
-- private.record_month_counts, the live records per service, unit and month filed (Beijing
-- time), equal to a count of records. An update moves a record between counts when its unit
-- (escalation), its filing time (imports) or its deletion changes; other updates (a transition,
-- an edit) leave the counts alone. The dashboard's records-by-month widget sums these rows over
-- the caller's scope instead of reading every record (a prefecture's 440,000 took ≈ 440 ms).
-- Cells are written in key order, so two writers touching the same cells lock them in the same
-- order and cannot deadlock (parallel bulk inserts did, before).
-- security definer: record_month_counts is private; only this trigger writes it.
create or replace function private.count_record_months() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'INSERT' then
    insert into private.record_month_counts as c (service_id, org_unit_id, month, records)
    select n.service_id, n.org_unit_id, to_char(n.created_at at time zone 'Asia/Shanghai', 'YYYY-MM'), count(*)
      from added n where n.deleted_at is null
     group by 1, 2, 3
     order by 1, 2, 3
    on conflict (service_id, org_unit_id, month) do update set records = c.records + excluded.records;
    return null;
  end if;
  with moved as (
    select o.service_id as old_service, o.org_unit_id as old_unit, o.created_at as old_created, o.deleted_at is null as old_live,
           n.service_id as new_service, n.org_unit_id as new_unit, n.created_at as new_created, n.deleted_at is null as new_live
      from removed o join added n on n.id = o.id
     where (o.service_id, o.org_unit_id, o.created_at, o.deleted_at is null) is distinct from (n.service_id, n.org_unit_id, n.created_at, n.deleted_at is null)
  ),
  changes as (
    select old_service as service_id, old_unit as org_unit_id, to_char(old_created at time zone 'Asia/Shanghai', 'YYYY-MM') as month, -1 as delta
      from moved where old_live
    union all
    select new_service, new_unit, to_char(new_created at time zone 'Asia/Shanghai', 'YYYY-MM'), 1
      from moved where new_live
  )
  insert into private.record_month_counts as c (service_id, org_unit_id, month, records)
  select service_id, org_unit_id, month, sum(delta) from changes group by 1, 2, 3 having sum(delta) <> 0 order by 1, 2, 3
  on conflict (service_id, org_unit_id, month) do update set records = c.records + excluded.records;
  return null;
end;
$$;
-- end routine

-- routine: supabase/routines/private/note_participant_units.sql
-- AFTER INSERT on record_participants (per statement): the units where the new participations'
-- records sit join their participants' private.participant_units, which my_readable_units reads
-- instead of joining every participation to its record on every query (a staff member who had
-- taken part in 9,000 records paid ≈ 20 ms per list query for that join).
-- In key order, so parallel writers cannot deadlock on each other's new rows.
-- security definer: participant_units is private; only these triggers write it.
create or replace function private.note_participant_units() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into private.participant_units (user_id, org_unit_id)
  select distinct a.user_id, r.org_unit_id
    from added a join public.records r on r.id = a.record_id
   order by 1, 2
  on conflict do nothing;
  return null;
end;
$$;
-- end routine

-- Hand-written DDL that names the routines (triggers, policies, grants), or nothing.
