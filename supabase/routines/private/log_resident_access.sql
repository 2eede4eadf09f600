-- Writes one sensitive_access_log row about the registry: a granted or refused unmask of one
-- value of a resident, or one row of a search by a full ID number or phone (a resident found,
-- or none). Filed under the resident's grid, so that administrators there read who looked;
-- a search without a match or a refusal about nobody, under the caller's first active unit
-- (about an unknown id: no unit, for system administrators). The value searched for is never
-- written. detail carries the resident's id, so the audit list names them.
-- security definer: the log has no insert policy (entries cannot be forged), and a refused
-- attempt may be about a resident the caller cannot see; only the registry RPCs call it.
create or replace function private.log_resident_access(
  p_kind text, p_resident_id uuid, p_field text, p_reason text, p_refusal text, p_row_count int default null
) returns void
language plpgsql security definer set search_path = '' as $$
declare
  found public.residents;
begin
  select * into found from public.residents r where r.id = p_resident_id;
  insert into public.sensitive_access_log (kind, resident_id, org_unit_id, field, reason, actor, outcome, refusal, row_count, detail)
  values (p_kind, found.id,
          coalesce(found.grid_org_unit_id, case when p_resident_id is null then (
            select m.org_unit_id from public.memberships m
             where m.user_id = (select auth.uid()) and m.status = 'active' order by m.created_at limit 1) end),
          left(coalesce(p_field, ''), 64), left(coalesce(p_reason, ''), 500), (select auth.uid()),
          case when p_refusal is null then 'granted' else 'refused' end, p_refusal, p_row_count,
          case when found.id is not null then jsonb_build_object('resident_id', found.id)
               when p_resident_id is not null then jsonb_build_object('unknown_resident_id', p_resident_id) end);
end;
$$;

revoke execute on function private.log_resident_access(text, uuid, text, text, text, int) from public, anon;
grant execute on function private.log_resident_access(text, uuid, text, text, text, int) to authenticated, service_role;
