-- Writes the log rows of one search by a full value: one per record found (filed under the
-- record's unit, like an unmask), or one row for a search that found nothing or was refused
-- (filed under the caller's unit). The value searched for is never written, not even hashed.
-- security definer: the log has no insert policy; search_records_by_value decided the outcome.
create or replace function private.log_sensitive_search(p_service_id uuid, p_matches jsonb, p_reason text, p_refusal text) returns void
language plpgsql security definer set search_path = '' as $$
begin
  if jsonb_array_length(coalesce(p_matches, '[]')) > 0 then
    insert into public.sensitive_access_log (kind, record_id, service_id, org_unit_id, field, reason, actor)
    select 'search', r.id, r.service_id, r.org_unit_id, m ->> 'field_key', left(p_reason, 500), (select auth.uid())
      from jsonb_array_elements(p_matches) m
      join public.records r on r.id = (m ->> 'record_id')::uuid;
  else
    insert into public.sensitive_access_log (kind, service_id, org_unit_id, field, reason, actor, outcome, refusal, row_count)
    values ('search', p_service_id, private.sensitive_use_unit(p_service_id, 'view_sensitive'), '', left(p_reason, 500),
            (select auth.uid()), case when p_refusal is null then 'granted' else 'refused' end, p_refusal, 0);
  end if;
end;
$$;

revoke execute on function private.log_sensitive_search(uuid, jsonb, text, text) from public, anon;
grant execute on function private.log_sensitive_search(uuid, jsonb, text, text) to authenticated, service_role;
