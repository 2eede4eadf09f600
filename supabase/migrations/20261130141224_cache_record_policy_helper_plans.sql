-- The records policy's fixed cost back towards what it was before participants (issue 9, item
-- 5; an A/B of both policies in one session, docs/benchmarks.md): the sql helpers
-- my_readable_services / my_readable_units were planned again on every call (0.5–0.6 ms each
-- against 0.2–0.35 ms for the scope-only helpers), and the participant arm's subquery inlined
-- record_participants' own policy, which the planner expanded on every request (planning 0.1 →
-- 0.5 ms). Both helpers become plpgsql (plans cached per session), and the arm hashes the rows
-- of private.my_participated_records(), a plpgsql function as well. Same rows, same rules.
-- Routines between "-- routine:" and "-- end routine" are copies written by
-- `npm run db:migration`; edit supabase/routines/, never the copy.

-- Hand-written DDL the routines rely on (tables, columns, types), or nothing.

-- routine: supabase/routines/private/my_participated_records.sql
-- The records the caller took part in (record_participants), for the records policy's
-- participant arm, which hashes them once per query. plpgsql: its plan is cached for the
-- session, so a user who took part in nothing pays one indexed lookup, not a planning (a sql
-- function, or a subquery with record_participants' own policy inlined, is planned every time).
-- security definer: the policy runs it for every reader; it returns only the caller's own rows.
create or replace function private.my_participated_records() returns setof uuid
language plpgsql stable security definer set search_path = '' as $$
begin
  return query select p.record_id from public.record_participants p where p.user_id = (select auth.uid());
end;
$$;

revoke execute on function private.my_participated_records() from public, anon;
grant execute on function private.my_participated_records() to authenticated, service_role;
-- end routine

-- routine: supabase/routines/private/my_readable_services.sql
-- The services of the records the caller may read, as one array for the records policy's index
-- condition: those their roles may read (my_scope_services('read')), and those of records they
-- took part in (record_participants; only while they hold an active membership). One function,
-- one initplan: a non-participant pays one indexed lookup of record_participants, not another
-- function call.
-- plpgsql, not sql: its query plan is cached for the session (PostgREST's pooled connections),
-- where a sql function is planned again on every call (≈ 0.3 ms of the policy's fixed cost).
-- security definer: reads memberships, grants, participations and records without their policies.
create or replace function private.my_readable_services() returns uuid[]
language plpgsql stable security definer set search_path = '' as $$
begin
  return (select coalesce(array_agg(distinct x.service_id), '{}')
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
    ) x);
end;
$$;

revoke execute on function private.my_readable_services() from public, anon;
grant execute on function private.my_readable_services() to authenticated, service_role;
-- end routine

-- routine: supabase/routines/private/my_readable_units.sql
-- The units of the records the caller may read, as one array for the records policy's index
-- condition: the subtrees where their roles may read (my_scope_units('read')), and the units
-- where records they took part in sit now (record_participants; only while they hold an active
-- membership). One function, one initplan, as my_readable_services.
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
      select r.org_unit_id
        from public.record_participants p
        join public.records r on r.id = p.record_id
       where p.user_id = (select auth.uid()) and r.deleted_at is null
         and exists (select 1 from public.memberships m where m.user_id = (select auth.uid()) and m.status = 'active')
    ) x);
end;
$$;

revoke execute on function private.my_readable_units() from public, anon;
grant execute on function private.my_readable_units() to authenticated, service_role;
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
       or id in (select private.my_participated_records()))
);
