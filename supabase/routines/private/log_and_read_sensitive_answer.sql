-- Writes the log entry, then returns the raw answer (JSON null when the field has none).
-- security definer: the log has no insert policy (entries cannot be forged) and the raw
-- answers are readable by nobody; unmask_record_field has checked the caller first.
create or replace function private.log_and_read_sensitive_answer(p_record public.records, p_field text, p_reason text) returns jsonb
language plpgsql security definer set search_path = '' as $$
begin
  insert into public.sensitive_access_log (record_id, service_id, org_unit_id, field, reason, actor)
  values (p_record.id, p_record.service_id, p_record.org_unit_id, p_field, p_reason, (select auth.uid()));
  return coalesce(private.sensitive_answers_of(p_record.id) -> p_field, 'null'::jsonb);
end;
$$;

revoke execute on function private.log_and_read_sensitive_answer(public.records, text, text) from public, anon;
grant execute on function private.log_and_read_sensitive_answer(public.records, text, text) to authenticated, service_role;
