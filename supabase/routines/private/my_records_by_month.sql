-- The caller's live records of one service per month filed (Beijing time, YYYY-MM), as the
-- records policy would let them count them: the kept counts (record_month_counts) summed over
-- the units where their roles may read the service (my_record_scope('read')), plus, counted
-- directly, the records they took part in outside those units. Equal to counting the records
-- (tests/db/service-widget-data.test.ts), without reading them.
-- security definer: reads the private counts, only for the caller's own scope; the participant
-- part is read as the caller would (records' own policy applies through my_participated_records
-- and the readable services).
create or replace function private.my_records_by_month(p_service_id uuid) returns table (month text, records bigint)
language plpgsql stable security definer set search_path = '' as $$
#variable_conflict use_column
begin
  return query
    with scope as (
      select s.org_unit_id from private.my_record_scope('read') s where s.service_id = p_service_id
    ),
    counted as (
      select c.month, c.records::bigint as records
        from private.record_month_counts c
       where c.service_id = p_service_id and c.org_unit_id in (select org_unit_id from scope)
      union all
      select to_char(r.created_at at time zone 'Asia/Shanghai', 'YYYY-MM'), 1
        from public.records r
       where r.id in (select private.my_participated_records())
         and r.service_id = p_service_id and r.deleted_at is null
         and r.org_unit_id not in (select org_unit_id from scope)
         and r.service_id = any (private.my_readable_services())
    )
    select x.month, sum(x.records)::bigint from counted x group by x.month having sum(x.records) > 0;
end;
$$;
