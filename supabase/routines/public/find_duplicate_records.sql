-- Before filing: the records the definition's `duplicates` rule finds for a person (open, or
-- holding what is applied for; src/data/applicantChecks.ts), for the form to warn or stop:
-- {"action": "refuse" | "warn" | null (the strongest found), "records": [{id, kind, action,
-- status, created_at}] of those the caller reads, "others": how many they cannot read (only
-- counted, never described)}. Data are the answers so far (the `match` fields are compared).
-- The person must be one the caller reads through the registry (as a record's link needs):
-- else resident_link_forbidden (403), so nobody learns what is held for anybody.
-- security invoker: visibility is the caller's RLS; applicant_duplicates counts past it.
create or replace function public.find_duplicate_records(p_service_id uuid, p_resident_id uuid, p_data jsonb default '{}') returns jsonb
language plpgsql stable security invoker set search_path = '' as $$
declare
  rule jsonb;
  readable_records jsonb;
  hidden_count int;
  strongest text;
begin
  if not exists (select 1 from public.residents r
                  where r.id = p_resident_id and r.grid_org_unit_id = any (private.my_registry_units())) then
    perform private.raise_record_error('PT403', 'resident_link_forbidden',
      '不能关联此居民：该居民不存在或不在您可查看的网格内 / This record cannot be linked to that resident: '
      || 'no such resident in the grids you may see');
  end if;
  select v.definition -> 'duplicates' into rule
    from public.services s join public.service_versions v on v.service_id = s.id and v.version = s.current_version
   where s.id = p_service_id;
  if jsonb_typeof(rule) is distinct from 'object' then
    return jsonb_build_object('action', null, 'records', '[]'::jsonb, 'others', 0);
  end if;
  select coalesce(jsonb_agg(jsonb_build_object('id', d.record_id, 'kind', d.kind, 'action', d.action, 'status', d.status, 'created_at', d.created_at)
                            order by d.created_at desc) filter (where d.readable), '[]'),
         count(*) filter (where not d.readable),
         case when bool_or(d.action = 'refuse') then 'refuse' when count(*) > 0 then 'warn' end
    into readable_records, hidden_count, strongest
    from (select x.*, exists (select 1 from public.records r where r.id = x.record_id) as readable
            from private.applicant_duplicates(p_service_id, p_resident_id, coalesce(p_data, '{}'), rule) x) d;
  return jsonb_build_object('action', strongest, 'records', readable_records, 'others', hidden_count);
end;
$$;

revoke execute on function public.find_duplicate_records(uuid, uuid, jsonb) from public, anon;
grant execute on function public.find_duplicate_records(uuid, uuid, jsonb) to authenticated, service_role;
