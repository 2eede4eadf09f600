-- Two filings for one person and service at the same moment could both pass the duplicate check
-- (neither saw the other, uncommitted) and leave two open applications the definition refuses.
-- The check now takes a transaction-level advisory lock per (service, person) first.
-- Routines between "-- routine:" and "-- end routine" are copies written by
-- `npm run db:migration`; edit supabase/routines/, never the copy.

-- Hand-written DDL the routines rely on (tables, columns, types), or nothing.

-- routine: supabase/routines/private/records_validate_eligibility.sql
-- BEFORE INSERT on public.records (trigger records_validate_eligibility_on_insert, named to fire
-- after records_validate_data_on_insert, so it reads the checked answers): a record filed for a
-- person of the registry (resident_id) must meet the definition's eligibility[] (the person's
-- age on the filing date and current tags: private.resident_facts) — else record_invalid (HTTP
-- 400) with the rule's words, as rules[] are refused — and must not be a second application the
-- definition's `duplicates` refuses: duplicate_application (HTTP 409), whose detail names the
-- existing record's id only when the caller reads it (this function runs under the caller's
-- RLS), else says one exists. Filings for the same person and service are serialised by a
-- transaction-level advisory lock, so two at once cannot both pass. Imports (the demo seed,
-- publish_definition, linking) keep what they had: they are not checked, nor are later edits —
-- eligibility is a condition of filing.
create or replace function private.records_validate_eligibility() returns trigger
language plpgsql set search_path = '' as $$
declare
  definition jsonb;
  issues jsonb;
  existing record;
  readable boolean;
  duplicate_count int;
begin
  if new.resident_id is null or private.record_write_mode() = 'import' then
    return new;
  end if;
  select v.definition into definition from public.service_versions v
   where v.service_id = new.service_id and v.version = new.service_version;
  if jsonb_typeof(definition -> 'eligibility') = 'array' and jsonb_array_length(definition -> 'eligibility') > 0 then
    issues := private.eligibility_issues(definition, new.data, private.resident_facts(new.resident_id, private.local_today()), private.local_today());
    if jsonb_array_length(issues) > 0 then
      raise exception using errcode = 'PT400', message = 'record_invalid',
        detail = issues::text, hint = private.record_issue_hint(definition, issues -> 0);
    end if;
  end if;
  if jsonb_typeof(definition -> 'duplicates') = 'object' then
    -- two filings for one person and service at the same moment would each miss the other (neither
    -- committed yet): the second waits here until the first ends, and the next statement's fresh
    -- snapshot (this function is volatile) then sees it
    perform pg_advisory_xact_lock(hashtextextended('duplicates:' || new.service_id || ':' || new.resident_id, 0));
    select d.* into existing from private.applicant_duplicates(new.service_id, new.resident_id, new.data, definition -> 'duplicates', new.id) d
     where d.action = 'refuse' limit 1;
    if found then
      readable := exists (select 1 from public.records r where r.id = existing.record_id);
      select count(*) into duplicate_count from private.applicant_duplicates(new.service_id, new.resident_id, new.data, definition -> 'duplicates', new.id);
      perform private.raise_record_error('PT409', 'duplicate_application',
        case when existing.kind = 'open'
          then '该居民已有一件未办结的同类申请' || case when readable then '（见已有记录）' else '（由其他人员办理，您无权查看）' end
               || '，不能重复申请 / This person already has an open application of this kind'
               || case when readable then ' (see the existing record)' else ' (handled by others; you cannot view it)' end
          else '该居民已持有所申请的事项' || case when readable then '（见已有记录）' else '（由其他人员办理，您无权查看）' end
               || '，不能重复申请 / This person already holds what is applied for'
               || case when readable then ' (see the existing record)' else ' (handled by others; you cannot view it)' end
        end,
        jsonb_build_object('kind', existing.kind, 'record_id', case when readable then existing.record_id end, 'count', duplicate_count));
    end if;
  end if;
  return new;
end;
$$;

revoke execute on function private.records_validate_eligibility() from public, anon;
-- end routine

-- Hand-written DDL that names the routines (triggers, policies, grants), or nothing.
