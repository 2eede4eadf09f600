-- Writes the log row of one page of an export: who, which service, which sensitive fields were
-- unmasked (none for a masked export), how many rows, the reason and the export's details.
-- Filed under the caller's unit holding `export`, so their administrators read it.
-- security definer: the log has no insert policy; export_records has checked the caller.
create or replace function private.log_sensitive_export(p_service_id uuid, p_fields text[], p_reason text, p_row_count int, p_detail jsonb) returns void
language sql volatile security definer set search_path = '' as $$
  insert into public.sensitive_access_log (kind, service_id, org_unit_id, field, reason, actor, row_count, detail)
  values ('export', p_service_id, private.sensitive_use_unit(p_service_id, 'export'), left(array_to_string(p_fields, ','), 500),
          left(coalesce(p_reason, ''), 500), (select auth.uid()), p_row_count, p_detail)
$$;

revoke execute on function private.log_sensitive_export(uuid, text[], text, int, jsonb) from public, anon;
grant execute on function private.log_sensitive_export(uuid, text[], text, int, jsonb) to authenticated, service_role;
