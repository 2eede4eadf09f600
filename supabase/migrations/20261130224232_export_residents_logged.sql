-- The registry's 导出 (issue 12, item 7: export with masking as for records) read the list page by
-- page in the browser: nothing held it to the export grant and nothing logged it. export_residents
-- returns a page of people only to a role granted export, only those in that scope, masked, and
-- logs every page in sensitive_access_log (kind 'export'), as export_records does for records.
-- Routines between "-- routine:" and "-- end routine" are copies written by
-- `npm run db:migration`; edit supabase/routines/, never the copy.

-- Hand-written DDL the routines rely on (tables, columns, types), or nothing.

-- routine: supabase/routines/private/log_resident_export.sql
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
-- end routine

-- routine: supabase/routines/public/export_residents.sql
-- One page (at most 1,000) of the registry's export (导出 on /residents; issue 12, item 7:
-- "export with masking as for records"). The caller pages through the list's own query for ids,
-- then asks this RPC for the rows, as export_records does for a service. It enforces what the
-- list alone cannot: a role granted `export` on some service (my_scope_units('export'); 403
-- export_forbidden otherwise), and only people whose grid lies in that scope leave (a person read
-- as a participant, or through a read-only role, is left out). ID numbers and phones go out as
-- the masks the row holds; there is no unmasked export of the registry. Every page writes one
-- sensitive_access_log row (kind 'export', detail {target: residents, export_id}): who, how
-- many people, so an export of personal information is on the audit trail like a records export.
-- security invoker: the rows are read under the caller's RLS; only the log row is written by a
-- security-definer helper (the log has no insert policy).
create or replace function public.export_residents(p_ids uuid[], p_export_id uuid default null) returns jsonb
language plpgsql security invoker set search_path = '' as $$
declare
  scope uuid[];
  rows jsonb;
  row_count int;
begin
  if cardinality(p_ids) > 1000 then
    perform private.raise_record_error('PT400', 'export_page_too_large', '每次最多导出 1000 条 / At most 1,000 records per page');
  end if;
  scope := private.my_scope_units('export');
  if cardinality(scope) = 0 then
    perform private.raise_record_error('PT403', 'export_forbidden', '您的角色不能导出居民信息 / Your role may not export residents');
  end if;

  with wanted as (select id, ordinality from unnest(p_ids) with ordinality as w (id, ordinality))
  select coalesce(jsonb_agg(jsonb_build_object(
           'id', r.id, 'name', r.name, 'id_number', r.id_number, 'phone', r.phone, 'sex', r.sex, 'birth_year', r.birth_year,
           'grid_org_unit_id', r.grid_org_unit_id,
           'tags', (select coalesce(jsonb_agg(jsonb_build_object('tag_key', t.tag_key, 'valid_from', t.valid_from, 'valid_to', t.valid_to)
                                              order by t.valid_from), '[]')
                      from public.resident_tags t where t.resident_id = r.id))
           order by w.ordinality), '[]'),
         count(*)
    into rows, row_count
    from wanted w
    join public.residents r on r.id = w.id
   where r.grid_org_unit_id = any (scope);

  perform private.log_resident_export(row_count, p_export_id);
  return jsonb_build_object('rows', rows);
end;
$$;

revoke execute on function public.export_residents(uuid[], uuid) from public, anon;
grant execute on function public.export_residents(uuid[], uuid) to authenticated, service_role;
-- end routine

-- Hand-written DDL that names the routines (triggers, policies, grants), or nothing.
