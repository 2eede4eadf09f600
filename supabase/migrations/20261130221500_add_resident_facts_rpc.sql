-- The record form asks the database what it will check about a picked person (issue 12, items 5
-- and 6 in the browser): public.resident_facts gives a reader of the person their age in full
-- years and current tag keys today, so the form shows the derived age and checks eligibility[]
-- before submit (the browser holds only the masked ID number, never the birth date).
-- Routines between "-- routine:" and "-- end routine" are copies written by
-- `npm run db:migration`; edit supabase/routines/, never the copy.

-- Hand-written DDL the routines rely on (tables, columns, types), or nothing: none.

-- routine: supabase/routines/public/resident_facts.sql
-- What the record form needs about a picked person before filing (issue 12, items 5 and 6 in the
-- browser): {"age": full years today, China time (null before birth or without a birth date),
-- "tags": the keys of the tags current today} — what the eligibility check of the database reads
-- (private.resident_facts) on the filing date, so the form can show the derived age and check
-- eligibility[] with the database's words before submit.
-- Who may: whoever reads the person (the registry's RLS on residents: their grid in the reader's
-- scope, or a participant of a record about them); anyone else — and an id naming nobody — is
-- refused alike, resident_not_found 404, as unmask_resident_field says it.
-- Why only today: the age in full years is already shown in clear on records, but asked for on
-- chosen days it would give the birth date away (the day it steps up), and the full birth date is
-- private (docs/residents.md). p_on other than today is refused (facts_date_not_today 400);
-- null or left out = today.
-- security invoker: reading the person under the caller's RLS is the check; the birth date and
-- the tags are then read by private.resident_facts (security definer).
create or replace function public.resident_facts(p_resident_id uuid, p_on date default null) returns jsonb
language plpgsql stable security invoker set search_path = '' as $$
begin
  if p_on is not null and p_on <> private.local_today() then
    perform private.raise_record_error('PT400', 'facts_date_not_today',
      '只能查询今天的年龄和标签 / Age and tags can be asked for today only');
  end if;
  if not exists (select 1 from public.residents r where r.id = p_resident_id) then
    perform private.raise_record_error('PT404', 'resident_not_found', '居民不存在或无权访问 / No such resident, or not yours to see');
  end if;
  return private.resident_facts(p_resident_id, private.local_today());
end;
$$;

revoke execute on function public.resident_facts(uuid, date) from public, anon;
grant execute on function public.resident_facts(uuid, date) to authenticated, service_role;
-- end routine

-- Hand-written DDL that names the routines (triggers, policies, grants), or nothing.
