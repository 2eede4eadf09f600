-- Writes the log row of a refused attempt. The record's service and unit are looked up even
-- when the caller cannot read the record, so that the administrators of that unit see who tried.
-- security definer: the log has no insert policy, and the record may be outside the caller's
-- sight; unmask_record_field is the only caller and passes the refusal it decided.
create or replace function private.log_refused_unmask(p_record_id uuid, p_field text, p_reason text, p_refusal text) returns void
language plpgsql security definer set search_path = '' as $$
declare
  found public.records;
begin
  select * into found from public.records where id = p_record_id;
  insert into public.sensitive_access_log (record_id, service_id, org_unit_id, field, reason, actor, outcome, refusal, unknown_record_id)
  values (found.id, found.service_id, found.org_unit_id, left(coalesce(p_field, ''), 64), left(p_reason, 500),
          (select auth.uid()), 'refused', p_refusal, case when found.id is null then p_record_id end);
end;
$$;

revoke execute on function private.log_refused_unmask(uuid, text, text, text) from public, anon;
grant execute on function private.log_refused_unmask(uuid, text, text, text) to authenticated, service_role;
