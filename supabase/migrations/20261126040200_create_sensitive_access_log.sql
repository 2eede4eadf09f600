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

-- Writes the log entry, then returns the raw answer (JSON null when the field has none).
-- security definer: the log has no insert policy (entries cannot be forged) and the raw
-- answers are readable by nobody; unmask_record_field has checked the caller first.
create function private.log_and_read_sensitive_answer(p_record public.records, p_field text, p_reason text) returns jsonb
language plpgsql security definer set search_path = '' as $$
begin
  insert into public.sensitive_access_log (record_id, service_id, org_unit_id, field, reason, actor)
  values (p_record.id, p_record.service_id, p_record.org_unit_id, p_field, p_reason, (select auth.uid()));
  return coalesce(private.sensitive_answers_of(p_record.id) -> p_field, 'null'::jsonb);
end;
$$;

-- The raw answer of one sensitive field of one record, with a reason of at least 4 characters.
-- Errors (message = stable code): record_not_found PT404 (not readable), unmask_forbidden PT403
-- (no view_sensitive here), field_not_sensitive PT400, reason_required PT400.
-- security invoker: reading the record under the caller's RLS is the first check.
create function public.unmask_record_field(p_record_id uuid, p_field text, p_reason text) returns jsonb
language plpgsql security invoker set search_path = '' as $$
declare
  target public.records;
  -- JavaScript trim()'s whitespace, as is_empty_answer (a reason of spaces is no reason)
  reason text := regexp_replace(coalesce(p_reason, ''),
    '^[\u0009-\u000d\u0020\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+|[\u0009-\u000d\u0020\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+$', '', 'g');
begin
  select * into target from public.records where id = p_record_id;
  if target.id is null then
    perform private.raise_record_error('PT404', 'record_not_found', '记录不存在或无权访问 / No such record, or not yours to see');
  end if;
  if not private.may_act_on('view_sensitive', target.service_id, target.org_unit_id) then
    perform private.raise_record_error('PT403', 'unmask_forbidden',
      '您的角色不能查看此服务的敏感信息 / Your role may not view this service''s sensitive information');
  end if;
  if not jsonb_path_exists(private.record_sensitive_fields(target), '$[*] ? (@.key == $field)', jsonb_build_object('field', p_field)) then
    perform private.raise_record_error('PT400', 'field_not_sensitive', '该字段不是敏感字段 / This field is not a sensitive field',
      jsonb_build_object('field', p_field));
  end if;
  if char_length(reason) < 4 then
    perform private.raise_record_error('PT400', 'reason_required',
      '请填写查看原因（至少 4 个字） / Give a reason for viewing (at least 4 characters)');
  end if;
  return private.log_and_read_sensitive_answer(target, p_field, reason);
end;
$$;

revoke execute on function public.unmask_record_field(uuid, text, text) from public, anon;
grant execute on function public.unmask_record_field(uuid, text, text) to authenticated, service_role;
revoke execute on function private.log_and_read_sensitive_answer(public.records, text, text) from public, anon;
grant execute on function private.log_and_read_sensitive_answer(public.records, text, text) to authenticated, service_role;
