-- What a duplicate of one kind gets (src/services/applicantSchema.ts, duplicates.open / held):
-- an action as written ("warn" | "refuse"), or {action, when?, otherwise?} — `action` when the
-- condition holds on the new application's answers (always without one), else `otherwise`
-- (null: not checked). 社会救助: a second open 低保 refused, a 临时救助 only warned.
create or replace function private.applicant_duplicate_action(p_entry jsonb, p_data jsonb) returns text
language sql stable set search_path = '' as $$
  select case jsonb_typeof(p_entry)
    when 'string' then p_entry #>> '{}'
    when 'object' then
      case when jsonb_typeof(p_entry -> 'when') is distinct from 'object'
                or private.condition_holds(p_entry -> 'when', coalesce(p_data, '{}'), private.local_today())
           then p_entry ->> 'action' else p_entry ->> 'otherwise' end
  end
$$;

revoke execute on function private.applicant_duplicate_action(jsonb, jsonb) from public, anon;
grant execute on function private.applicant_duplicate_action(jsonb, jsonb) to authenticated, service_role;
