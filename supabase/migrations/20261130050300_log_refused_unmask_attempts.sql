-- Refused unmask attempts are logged (issue #7, item 7; OWASP ASVS V16), and unmask reasons are
-- at most 500 characters, blank when made only of whitespace or invisible characters (item 6).
--
-- sensitive_access_log (20261126040200) recorded only granted unmaskings. An attempt without
-- view_sensitive, without a reason, on a field that is not sensitive or on a record the caller
-- cannot read left no trace, so nobody could see someone probing for ID numbers.
--
-- Why the refusal is returned, not raised: a raised error rolls back the transaction, the log
-- row with it, and Postgres has no autonomous transactions (dblink/pg_background are not
-- available on hosted Supabase). So a refusal writes its log row, sets PostgREST's
-- `response.status` to the HTTP status the raise would have produced, and returns the error
-- object PostgREST would have sent ({code, message, hint, details}). PostgREST commits the
-- transaction whatever response.status says (tests/db/unmask-refusals.test.ts proves the row
-- survives), and supabase-js turns any non-2xx body into its `error`, so the SPA's unmask
-- dialog (src/views/show/UnmaskButton.tsx) gets exactly the error it got before: same HTTP
-- status, code PTxxx, stable message, bilingual hint. A caller through plain SQL (no PostgREST)
-- receives the same object as the function's value; nothing in the product calls it that way.

alter table public.sensitive_access_log
  alter column record_id drop not null,
  alter column service_id drop not null,
  alter column org_unit_id drop not null,
  add column outcome text not null default 'granted' check (outcome in ('granted', 'refused')),
  add column refusal text,
  add column unknown_record_id uuid,
  add constraint sensitive_access_log_refusal_named check ((outcome = 'refused') = (refusal is not null)),
  add constraint sensitive_access_log_granted_names_record check (outcome = 'refused' or record_id is not null),
  add constraint sensitive_access_log_reason_length check (char_length(reason) <= 500) not valid;
comment on column public.sensitive_access_log.outcome is 'granted: the raw answer was returned; refused: the attempt was turned down (refusal says why) and nothing was returned.';
comment on column public.sensitive_access_log.refusal is 'Why an attempt was refused: record_not_found, unmask_forbidden, field_not_sensitive, reason_required or text_too_long.';
comment on column public.sensitive_access_log.unknown_record_id is 'The record id asked for when no such record exists (record_id then stays null).';
comment on table public.sensitive_access_log is 'Every unmasking of a sensitive answer, granted or refused: who, which record and field, why, when. Append-only; written only by unmask_record_field.';
create index sensitive_access_log_at_idx on public.sensitive_access_log (at desc);

-- Entries about no record (an unknown id) belong to no unit: the system administrators read them.
create policy "System administrators can read every unmasking entry"
on public.sensitive_access_log for select to authenticated
using ((select private.is_system_admin()));

-- routine: supabase/routines/private/log_refused_unmask.sql
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
-- end routine

-- (Folded on 2026-11-30: the body of public.unmask_record_field lives in supabase/routines/public/unmask_record_field.sql,
-- created in 20261126040200_create_sensitive_access_log.sql.)
