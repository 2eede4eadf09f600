-- The records policy with one initplan per array again (issue 9, item 5, after npm run bench):
-- 20261130134344 widened the index condition's arrays by concatenating my_scope_services /
-- my_scope_units with three calls of my_participations, which cost a non-participant ≈ 0.9 ms
-- per list query in the bench's EXPLAIN (page 1: 2.4 ms instead of 1.5 ms). my_readable_services
-- and my_readable_units return the same arrays in one call each (a non-participant's extra cost
-- is one indexed lookup of record_participants); the id arm still calls my_participations, which
-- runs only for rows outside the scope (never, for a count within it). Same rows, same rules:
-- tests/db/engine-participants and the access matrix.
--
-- Also: index_sensitive_values normalises and hashes each value once, and deletes the old
-- digests only on UPDATE (the bench's bulk insert went from ≈ 1,400 to ≈ 300 records/s with the
-- blind index; most of it was the machine, some the double hashing).
-- Routines between "-- routine:" and "-- end routine" are copies written by
-- `npm run db:migration`; edit supabase/routines/, never the copy.

-- Hand-written DDL the routines rely on (tables, columns, types), or nothing.

-- routine: supabase/routines/private/my_readable_services.sql
-- The services of the records the caller may read, as one array for the records policy's index
-- condition: those their roles may read (my_scope_services('read')), and those of records they
-- took part in (record_participants; only while they hold an active membership). One function,
-- one initplan: a non-participant pays one indexed lookup of record_participants, not another
-- function call.
-- security definer: reads memberships, grants, participations and records without their policies.
create or replace function private.my_readable_services() returns uuid[]
language sql stable security definer set search_path = '' as $$
  select coalesce(array_agg(distinct x.service_id), '{}')
    from (
      select g.service_id
        from public.memberships m
        join public.service_role_grants g on g.role_key = m.role_key and g.action = 'read'
       where m.user_id = (select auth.uid()) and m.status = 'active'
      union all
      select r.service_id
        from public.record_participants p
        join public.records r on r.id = p.record_id
       where p.user_id = (select auth.uid()) and r.deleted_at is null
         and exists (select 1 from public.memberships m where m.user_id = (select auth.uid()) and m.status = 'active')
    ) x
$$;

revoke execute on function private.my_readable_services() from public, anon;
grant execute on function private.my_readable_services() to authenticated, service_role;
-- end routine

-- routine: supabase/routines/private/my_readable_units.sql
-- The units of the records the caller may read, as one array for the records policy's index
-- condition: the subtrees where their roles may read (my_scope_units('read')), and the units
-- where records they took part in sit now (record_participants; only while they hold an active
-- membership). One function, one initplan, as my_readable_services.
-- security definer: reads memberships, grants, participations and records without their policies.
create or replace function private.my_readable_units() returns uuid[]
language sql stable security definer set search_path = '' as $$
  select coalesce(array_agg(distinct x.id), '{}')
    from (
      select unit.id
        from public.memberships m
        join public.org_units mine on mine.id = m.org_unit_id
        join public.org_units unit on unit.path = mine.path or unit.path like mine.path || '.%'
       where m.user_id = (select auth.uid()) and m.status = 'active'
         and exists (select 1 from public.service_role_grants g where g.role_key = m.role_key and g.action = 'read')
      union all
      select r.org_unit_id
        from public.record_participants p
        join public.records r on r.id = p.record_id
       where p.user_id = (select auth.uid()) and r.deleted_at is null
         and exists (select 1 from public.memberships m where m.user_id = (select auth.uid()) and m.status = 'active')
    ) x
$$;

revoke execute on function private.my_readable_units() from public, anon;
grant execute on function private.my_readable_units() to authenticated, service_role;
-- end routine

-- routine: supabase/routines/private/index_sensitive_values.sql
-- AFTER INSERT OR UPDATE on private.record_sensitive_values: the blind index of every raw answer
-- that is a full ID number or phone (top-level answers, and the cells of sub-table rows), so
-- search_records_by_value can find the record. Rewritten with the answers; deleted with them
-- (cascade from the record, or the delete of store_sensitive_answers). Each value is normalised
-- and hashed once (it runs on every write of a record with sensitive answers).
-- security definer: record_value_digests is written by nobody else.
create or replace function private.index_sensitive_values() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'UPDATE' then
    delete from private.record_value_digests where record_id = new.record_id;
  end if;
  insert into private.record_value_digests (record_id, field_key, digest)
  select distinct new.record_id, a.key, h.digest
    from jsonb_each(new.data) a
   cross join lateral (
     select a.value #>> '{}' as value where jsonb_typeof(a.value) = 'string'
     union all
     select c.value #>> '{}' from jsonb_array_elements(case when jsonb_typeof(a.value) = 'array' then a.value else '[]' end) r
      cross join lateral jsonb_each(case when jsonb_typeof(r) = 'object' then r else '{}' end) c
      where jsonb_typeof(c.value) = 'string'
   ) v
   cross join lateral (select private.blind_index(v.value) as digest) h
   where h.digest is not null;
  return null;
end;
$$;

revoke execute on function private.index_sensitive_values() from public, anon;
-- end routine

-- Hand-written DDL that names the routines (triggers, policies, grants), or nothing.

drop policy "Users can read records within their scope and records they took part in" on public.records;
create policy "Users can read records within their scope and records they took part in"
on public.records for select to authenticated
using (
  deleted_at is null
  and service_id = any ((select private.my_readable_services())::uuid[])
  and org_unit_id = any ((select private.my_readable_units())::uuid[])
  and ((service_id, org_unit_id) in (select s.service_id, s.org_unit_id from private.my_record_scope('read') s)
       or id in (select p.record_id from private.my_participations() p))
);
