-- Unmasking (domain.md §4: "unmasking needs a permission plus a stated reason, and is
-- logged"): public.unmask_record_field returns one raw sensitive answer to a caller who can
-- read the record and holds view_sensitive on its service at the record's unit or above, and
-- writes who, what, why and when to sensitive_access_log first. The log is append-only for
-- everyone — the service role and the table owner included — and readable by the person who
-- unmasked and by administrators of the record's unit or above.

create table public.sensitive_access_log (
  id bigint generated always as identity primary key,
  record_id uuid not null references public.records (id) on delete restrict,
  -- copied from the record at the time, like record_events: the scope of who may read the entry
  service_id uuid not null,
  org_unit_id uuid not null,
  field text not null,
  reason text not null,
  -- no foreign key: the log outlives the accounts it names
  actor uuid not null,
  at timestamptz not null default now()
);
comment on table public.sensitive_access_log is 'Every unmasking of a sensitive answer: who, which record and field, why, when. Append-only; written only by unmask_record_field.';
create index sensitive_access_log_org_unit_id_at_idx on public.sensitive_access_log (org_unit_id, at desc);
create index sensitive_access_log_record_id_idx on public.sensitive_access_log (record_id, at desc);
create index sensitive_access_log_actor_at_idx on public.sensitive_access_log (actor, at desc);

create trigger sensitive_access_log_immutable
before update or delete on public.sensitive_access_log
for each row execute function private.refuse_change();

create trigger sensitive_access_log_no_truncate
before truncate on public.sensitive_access_log
for each statement execute function private.refuse_truncate();

alter table public.sensitive_access_log enable row level security;
revoke all on public.sensitive_access_log from anon;
revoke insert, update, delete, truncate on public.sensitive_access_log from authenticated, service_role;

create policy "Users can read their own unmasking entries"
on public.sensitive_access_log for select to authenticated
using (actor = (select auth.uid()));

create policy "Administrators can read unmasking entries within their scope"
on public.sensitive_access_log for select to authenticated
using (exists (
  select 1 from public.org_units u
   where u.id = sensitive_access_log.org_unit_id and private.path_within(u.path, (select private.my_admin_unit_paths()))
));

-- routine: supabase/routines/private/log_and_read_sensitive_answer.sql
-- Writes the log entry, then returns the raw answer (JSON null when the field has none).
-- security definer: the log has no insert policy (entries cannot be forged) and the raw
-- answers are readable by nobody; unmask_record_field has checked the caller first.
create or replace function private.log_and_read_sensitive_answer(p_record public.records, p_field text, p_reason text) returns jsonb
language plpgsql security definer set search_path = '' as $$
begin
  insert into public.sensitive_access_log (record_id, service_id, org_unit_id, field, reason, actor)
  values (p_record.id, p_record.service_id, p_record.org_unit_id, p_field, p_reason, (select auth.uid()));
  return coalesce(private.sensitive_answers_of(p_record.id) -> p_field, 'null'::jsonb);
end;
$$;

revoke execute on function private.log_and_read_sensitive_answer(public.records, text, text) from public, anon;
grant execute on function private.log_and_read_sensitive_answer(public.records, text, text) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/public/unmask_record_field.sql
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

revoke execute on function public.unmask_record_field(uuid, text, text) from public, anon;
grant execute on function public.unmask_record_field(uuid, text, text) to authenticated, service_role;
-- end routine
