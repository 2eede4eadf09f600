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

-- Writes the log row of a refused attempt. The record's service and unit are looked up even
-- when the caller cannot read the record, so that the administrators of that unit see who tried.
-- security definer: the log has no insert policy, and the record may be outside the caller's
-- sight; unmask_record_field is the only caller and passes the refusal it decided.
create function private.log_refused_unmask(p_record_id uuid, p_field text, p_reason text, p_refusal text) returns void
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

-- The raw answer of one sensitive field of one record, with a reason of 4 to 500 characters
-- (trimmed; whitespace and invisible characters alone are no reason).
-- Refusals (message = stable code; logged, returned with the HTTP status, see the top):
--   record_not_found 404 (not readable), unmask_forbidden 403 (no view_sensitive here),
--   field_not_sensitive 400, text_too_long 400 (reason over 500), reason_required 400.
-- security invoker: reading the record under the caller's RLS is the first check.
create or replace function public.unmask_record_field(p_record_id uuid, p_field text, p_reason text) returns jsonb
language plpgsql security invoker set search_path = '' as $$
declare
  target public.records;
  -- a reason padded past four times the limit is refused without trimming it (cf. free_text)
  reason text := case when char_length(p_reason) > 2000 then p_reason else coalesce(private.tidy_text(p_reason), '') end;
  status int;
  refusal text;
  hint text;
  detail jsonb;
begin
  select * into target from public.records where id = p_record_id;
  if target.id is null then
    status := 404; refusal := 'record_not_found';
    hint := '记录不存在或无权访问 / No such record, or not yours to see';
  elsif not private.may_act_on('view_sensitive', target.service_id, target.org_unit_id) then
    status := 403; refusal := 'unmask_forbidden';
    hint := '您的角色不能查看此服务的敏感信息 / Your role may not view this service''s sensitive information';
  elsif not jsonb_path_exists(private.record_sensitive_fields(target), '$[*] ? (@.key == $field)', jsonb_build_object('field', p_field)) then
    status := 400; refusal := 'field_not_sensitive';
    hint := '该字段不是敏感字段 / This field is not a sensitive field';
    detail := jsonb_build_object('field', p_field);
  elsif char_length(reason) > 500 then
    status := 400; refusal := 'text_too_long';
    hint := format('查看原因过长：最多 500 个字，现为 %s 个字 / The reason for viewing is too long: at most 500 characters, this has %s',
                   char_length(reason), char_length(reason));
    detail := jsonb_build_object('code', 'text_too_long', 'maximum', 500, 'length', char_length(reason));
  elsif char_length(reason) < 4 then
    status := 400; refusal := 'reason_required';
    hint := '请填写查看原因（至少 4 个字） / Give a reason for viewing (at least 4 characters)';
  end if;

  if refusal is null then
    return private.log_and_read_sensitive_answer(target, p_field, reason);
  end if;
  perform private.log_refused_unmask(p_record_id, p_field, reason, refusal);
  perform set_config('response.status', status::text, true);
  return jsonb_build_object('code', 'PT' || status, 'message', refusal, 'hint', hint, 'details', detail::text);
end;
$$;
