-- The live records of a service whose blind index holds p_digest and where the caller may view
-- sensitive answers (view_sensitive at the record's unit or above), with the field that matched.
-- security definer: reads record_value_digests, which no API role can; the scope check is here.
create or replace function private.records_matching_value(p_service_id uuid, p_digest bytea)
returns table (record_id uuid, field_key text)
language sql stable security definer set search_path = '' as $$
  select r.id, min(d.field_key)
    from private.record_value_digests d
    join public.records r on r.id = d.record_id
   where d.digest = p_digest and r.service_id = p_service_id and r.deleted_at is null
     and (r.service_id, r.org_unit_id) in (select s.service_id, s.org_unit_id from private.my_record_scope('view_sensitive') s)
   group by r.id
$$;

revoke execute on function private.records_matching_value(uuid, bytea) from public, anon;
grant execute on function private.records_matching_value(uuid, bytea) to authenticated, service_role;
