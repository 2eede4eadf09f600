-- The records of a service already held for a person that the definition's `duplicates` rule
-- names (src/services/applicantSchema.ts duplicatesSchema): same service, same resident, not
-- deleted, equal answers to every `match` field; kind 'open' (not in a terminal state of its own
-- version) when `open` is set, kind 'held' (in one of `held.states`) when `held` is set, each
-- with its action (warn | refuse; private.applicant_duplicate_action: it may depend on the new answers
-- `p_data`, and a kind whose condition fails without `otherwise` is not looked for). Newest
-- first; `p_except` leaves out the record being written.
-- security definer: a refusal must see records the caller cannot read, to say that one exists;
-- callers reveal only the ids the user reads (records_validate_eligibility, find_duplicate_records).
create or replace function private.applicant_duplicates(p_service_id uuid, p_resident_id uuid, p_data jsonb, p_rule jsonb, p_except uuid default null)
returns table (record_id uuid, kind text, action text, status text, created_at timestamptz)
language sql stable security definer set search_path = '' as $$
  select d.id, d.kind, d.action, d.status, d.created_at
    from (
      select r.id, r.status, r.created_at,
             case when not private.is_terminal_status(v.definition, r.status) then 'open'
                  when p_rule #> '{held,states}' ? r.status then 'held' end as kind,
             case when not private.is_terminal_status(v.definition, r.status) then open_action.action
                  when p_rule #> '{held,states}' ? r.status then held_action.action end as action
        from public.records r
        join public.service_versions v on v.service_id = r.service_id and v.version = r.service_version
        -- decided once, on the new application's answers (an action may depend on them: `when`)
        cross join (select private.applicant_duplicate_action(p_rule -> 'open', p_data) as action) open_action
        cross join (select private.applicant_duplicate_action(p_rule -> 'held', p_data) as action) held_action
       where r.service_id = p_service_id and r.resident_id = p_resident_id and r.deleted_at is null
         and r.id is distinct from p_except
         and not exists (select 1 from jsonb_array_elements_text(case when jsonb_typeof(p_rule -> 'match') = 'array' then p_rule -> 'match' else '[]' end) m(key)
                          where r.data -> m.key is distinct from p_data -> m.key)
    ) d
   where d.action in ('warn', 'refuse')
   order by d.created_at desc, d.id
$$;

revoke execute on function private.applicant_duplicates(uuid, uuid, jsonb, jsonb, uuid) from public, anon;
grant execute on function private.applicant_duplicates(uuid, uuid, jsonb, jsonb, uuid) to authenticated, service_role;
