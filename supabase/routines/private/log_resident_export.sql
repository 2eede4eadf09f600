-- Writes the sensitive_access_log row of one page of a registry export (export_residents):
-- kind 'export', no person (a page names many: detail carries the export's id and how many),
-- filed under the caller's first active unit, so administrators there read who exported.
-- security definer: the log has no insert policy (entries cannot be forged); only
-- export_residents calls it.
create or replace function private.log_resident_export(p_row_count int, p_export_id uuid) returns void
language plpgsql security definer set search_path = '' as $$
begin
  insert into public.sensitive_access_log (kind, org_unit_id, field, reason, actor, outcome, row_count, detail)
  values ('export',
          (select m.org_unit_id from public.memberships m
            where m.user_id = (select auth.uid()) and m.status = 'active' order by m.created_at limit 1),
          '', '', (select auth.uid()), 'granted', p_row_count,
          jsonb_strip_nulls(jsonb_build_object('target', 'residents', 'unmasked', false, 'export_id', p_export_id)));
end;
$$;

revoke execute on function private.log_resident_export(int, uuid) from public, anon;
grant execute on function private.log_resident_export(int, uuid) to authenticated, service_role;
