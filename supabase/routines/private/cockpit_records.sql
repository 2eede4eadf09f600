-- The records behind the leader cockpit: those filed at p_unit_id or below, created on the
-- Beijing calendar days p_from..p_to (either bound may be null), that the CALLER may read —
-- security invoker, so the records' own policies decide, exactly as the record list does. One row
-- per record with the facts every KPI is counted from:
--   child_unit_id  the child of p_unit_id the record's unit lies under (p_unit_id itself for
--                  records filed at that unit, or when it has no children);
--   terminal       its status is terminal in the service's CURRENT version (the list's overdue
--                  filter reads the same definition, so the two agree record for record);
--   open_overdue   not terminal and due_at < now()                (逾期未办);
--   closed_late    terminal and finished after due_at             (逾期已办);
--   handling_hours filing → the last transition into the terminal state it is in (its last
--                  change when no such event is readable), terminal records only;
--   satisfied      the satisfaction answer counts as satisfied (null: no field or unanswered).
-- At 1M records: the subtree join goes through records_scope_idx (service_id, org_unit_id); the
-- next step, if the benchmark asks for it, is an index on (org_unit_id, service_id, created_at)
-- including status and due_at, then a per-day summary table (unit, service, day, status) kept by
-- the record triggers. Measured by the benchmark (issue 11, item 6), not here.
create or replace function private.cockpit_records(p_unit_id uuid, p_from date, p_to date)
returns table (record_id uuid, child_unit_id uuid, service_id uuid, created_at timestamptz, terminal boolean,
               open_overdue boolean, closed_late boolean, handling_hours numeric, satisfied boolean)
language sql stable security invoker set search_path = '' as $$
  with target as (
    select u.id, u.path, u.depth from public.org_units u where u.id = p_unit_id
  ),
  cohort as (
    select r.id, r.service_id, r.status, r.created_at, r.updated_at, r.due_at,
           coalesce(((string_to_array(u.path, '.'))[t.depth + 2])::uuid, t.id) as child_unit_id,
           private.is_terminal_status(v.definition, r.status) as terminal,
           private.is_satisfied_answer(v.definition, private.satisfaction_field(v.definition),
                                       r.data ->> private.satisfaction_field(v.definition)) as satisfied
      from target t
      join public.org_units u on u.path = t.path or u.path like t.path || '.%'
      join public.records r on r.org_unit_id = u.id
      join public.services s on s.id = r.service_id
      join public.service_versions v on v.service_id = s.id and v.version = s.current_version
     where (p_from is null or r.created_at >= p_from::timestamp at time zone 'Asia/Shanghai')
       and (p_to is null or r.created_at < (p_to + 1)::timestamp at time zone 'Asia/Shanghai')
  ),
  finished as (
    select c.*,
           case when c.terminal then
             coalesce((select max(e.created_at) from public.record_events e
                        where e.record_id = c.id and e.kind = 'transition' and e.to_status = c.status), c.updated_at)
           end as finished_at
      from cohort c
  )
  select f.id, f.child_unit_id, f.service_id, f.created_at, f.terminal,
         not f.terminal and f.due_at < now(),
         f.terminal and f.due_at < f.finished_at,
         round((extract(epoch from (f.finished_at - f.created_at)) / 3600)::numeric, 2),
         f.satisfied
    from finished f
$$;

revoke execute on function private.cockpit_records(uuid, date, date) from public, anon;
grant execute on function private.cockpit_records(uuid, date, date) to authenticated, service_role;
