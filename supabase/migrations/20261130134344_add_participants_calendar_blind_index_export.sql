-- Issue 9, items 5–8: participants keep sight, deadlines from data and a workday calendar,
-- search by a full ID number or phone (blind index), export as staff need it.
--
-- Participants (DESIGN §6): record_participants lists who created a record, was assigned it or
-- acted on it (filled by triggers on records and record_events). The records SELECT policy admits
-- them besides the scope check; write policies and the RPCs' checks are unchanged, so they read
-- and never write. History and attachments follow their record as before. For the policy to
-- stay an index-only scan of records_scope_idx, participations widen the two arrays of its index
-- condition and are OR-ed only in the filter, on `id`, which the index now INCLUDEs (EXPLAIN and
-- timings in docs/benchmarks.md).
--
-- Deadlines: a state's timeLimit ({hours}, {workdays}, {byField, values}) is turned into due_at by
-- a BEFORE INSERT OR UPDATE OF status trigger (private.record_due_at), so transition_record
-- needs no change; 工作日 skip weekends and public holidays and count 调休 working weekend days
-- from work_calendar, seeded 2024–2026 from chinese-days 1.5.7 (2027 is not announced yet; a
-- system administrator adds it) by scripts/generate-work-calendar.ts.
--
-- Blind index: HMAC-SHA256 under a key no API role can read, of every raw sensitive answer that
-- is a full ID number or phone, written by a trigger on private.record_sensitive_values;
-- search_records_by_value finds records by it for view_sensitive holders, logged like an unmask.
--
-- Export: export_records enforces the `export` grant in the database and unmasks only with
-- view_sensitive and a reason; each page is logged (sensitive_access_log gains kind, row_count
-- and detail).
-- Routines between "-- routine:" and "-- end routine" are copies written by
-- `npm run db:migration`; edit supabase/routines/, never the copy.

-- Hand-written DDL the routines rely on (tables, columns, types), or nothing.

create table public.record_participants (
  record_id uuid not null references public.records (id) on delete cascade,
  -- no foreign key: like the records' actor columns, participation outlives a deleted account
  user_id uuid not null,
  kind text not null check (kind in ('creator', 'assignee', 'actor')),
  since timestamptz not null default now(),
  primary key (record_id, user_id, kind)
);
comment on table public.record_participants is 'Who created, was assigned or acted on a record: they keep reading it (never writing) after it leaves their scope. Written only by triggers.';
-- the records policy looks participations up by user
create index record_participants_user_id_idx on public.record_participants (user_id, record_id);
alter table public.record_participants enable row level security;
create policy "Users can read their own participations"
on public.record_participants for select to authenticated
using (user_id = (select auth.uid()));
grant select on public.record_participants to authenticated;

create table public.work_calendar (
  day date primary key,
  kind text not null check (kind in ('holiday', 'workday')),
  name text not null default '' check (char_length(name) <= 60)
);
comment on table public.work_calendar is 'Public holidays and 调休 working days (China, Asia/Shanghai dates). A day without an entry is a working day from Monday to Friday. Used for deadlines in 工作日 (private.add_workdays).';
alter table public.work_calendar enable row level security;
create policy "Members can read the work calendar"
on public.work_calendar for select to authenticated
using ((select private.has_active_membership()));
create policy "System administrators can add calendar days"
on public.work_calendar for insert to authenticated
with check ((select private.is_system_admin()));
create policy "System administrators can change calendar days"
on public.work_calendar for update to authenticated
using ((select private.is_system_admin()))
with check ((select private.is_system_admin()));
create policy "System administrators can remove calendar days"
on public.work_calendar for delete to authenticated
using ((select private.is_system_admin()));
grant select, insert, update, delete on public.work_calendar to authenticated;

create table private.blind_index_key (
  id boolean primary key default true check (id),
  key bytea not null check (length(key) >= 32)
);
comment on table private.blind_index_key is 'The secret key of the blind index (HMAC-SHA256 of full ID numbers and phones). One row; readable by no API role. Changing it requires re-indexing every record_sensitive_values row.';
alter table private.blind_index_key enable row level security;
revoke all on private.blind_index_key from public, anon, authenticated, service_role;
insert into private.blind_index_key (key) values (extensions.gen_random_bytes(32));

create table private.record_value_digests (
  record_id uuid not null references public.records (id) on delete cascade deferrable initially deferred,
  field_key text not null,
  digest bytea not null,
  primary key (record_id, field_key, digest)
);
comment on table private.record_value_digests is 'Blind index: HMAC of each raw sensitive answer that is a full ID number or phone (private.blind_index). No raw value; readable by no API role.';
create index record_value_digests_digest_idx on private.record_value_digests (digest);
alter table private.record_value_digests enable row level security;
revoke all on private.record_value_digests from public, anon, authenticated, service_role;

alter table public.sensitive_access_log
  add column kind text not null default 'unmask' check (kind in ('unmask', 'search', 'export')),
  add column row_count int,
  add column detail jsonb,
  drop constraint sensitive_access_log_granted_names_record,
  add constraint sensitive_access_log_granted_names_record check (outcome = 'refused' or kind <> 'unmask' or record_id is not null);
comment on column public.sensitive_access_log.kind is 'unmask: one answer shown (unmask_record_field); search: a search by a full ID number or phone (search_records_by_value, one row per record found, or one row for none); export: one page of an export (export_records; field = the sensitive fields unmasked).';
comment on column public.sensitive_access_log.row_count is 'search without a match: 0; export: the rows of the page.';
comment on column public.sensitive_access_log.detail is 'export: {unmasked, columns, export_id}.';
comment on table public.sensitive_access_log is 'Every unmasking, search by a full sensitive value and export, granted or refused: who, which record or service, which fields, why, when. Append-only; written only by the sensitive-data RPCs.';

-- routine: supabase/routines/private/is_workday.sql
-- Is this calendar day a working day? The work calendar decides where it has an entry (a public
-- holiday on a weekday, a 调休 working Saturday or Sunday); otherwise Monday to Friday.
-- security definer: triggers computing deadlines run as the caller, whose reads of
-- work_calendar are subject to its policy (members only).
create or replace function private.is_workday(p_day date) returns boolean
language sql stable security definer set search_path = '' as $$
  select coalesce((select c.kind = 'workday' from public.work_calendar c where c.day = p_day), extract(isodow from p_day) < 6)
$$;

revoke execute on function private.is_workday(date) from public, anon;
grant execute on function private.is_workday(date) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/private/add_workdays.sql
-- The end of the p_days-th working day after the day p_from falls on in China (Asia/Shanghai):
-- as for statutory time limits, the starting day is not counted and the last day runs to its
-- end (23:59:59 Beijing time). Holidays and 调休 working weekend days come from work_calendar.
-- Bounded: at most 366 working days.
create or replace function private.add_workdays(p_from timestamptz, p_days int) returns timestamptz
language plpgsql stable set search_path = '' as $$
declare
  day date := (p_from at time zone 'Asia/Shanghai')::date;
  remaining int := least(greatest(p_days, 0), 366);
begin
  while remaining > 0 loop
    day := day + 1;
    if private.is_workday(day) then
      remaining := remaining - 1;
    end if;
  end loop;
  return ((day + 1)::timestamp at time zone 'Asia/Shanghai') - interval '1 second';
end;
$$;

revoke execute on function private.add_workdays(timestamptz, int) from public, anon;
grant execute on function private.add_workdays(timestamptz, int) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/private/record_due_at.sql
-- When a record entering p_status at p_from is due, from the state's time limit in the
-- definition: {"hours": n}, {"workdays": n}, or {"byField": key, "values": {answer: limit},
-- "default": limit} choosing by the record's answer (urgency red → 2 h …). A state without a
-- limit (or whose field's answer has none) and a terminal state have no due date. The older
-- "slaHours": n means {"hours": n}.
create or replace function private.record_due_at(p_definition jsonb, p_status text, p_data jsonb, p_from timestamptz) returns timestamptz
language plpgsql stable set search_path = '' as $$
declare
  state jsonb;
  time_limit jsonb;
begin
  select s into state from jsonb_array_elements(coalesce(p_definition #> '{workflow,states}', '[]')) s where s ->> 'key' = p_status;
  if state is null or state -> 'terminal' = 'true'::jsonb then
    return null;
  end if;
  time_limit := coalesce(state -> 'timeLimit', case when state ? 'slaHours' then jsonb_build_object('hours', state -> 'slaHours') end);
  if time_limit ? 'byField' then
    time_limit := coalesce(time_limit -> 'values' -> (p_data ->> (time_limit ->> 'byField')), time_limit -> 'default');
  end if;
  if jsonb_typeof(time_limit) is distinct from 'object' then
    return null;
  elsif jsonb_typeof(time_limit -> 'workdays') = 'number' then
    return private.add_workdays(p_from, (time_limit ->> 'workdays')::numeric::int);
  elsif jsonb_typeof(time_limit -> 'hours') = 'number' then
    return p_from + (time_limit ->> 'hours')::numeric * interval '1 hour';
  end if;
  return null;
end;
$$;

revoke execute on function private.record_due_at(jsonb, text, jsonb, timestamptz) from public, anon;
grant execute on function private.record_due_at(jsonb, text, jsonb, timestamptz) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/private/records_set_due_at.sql
-- BEFORE INSERT OR UPDATE OF status on records: the due date follows the state entered, from
-- the record's version (record_due_at), computed by the database whoever wrote the row — so the
-- workflow RPC needs no knowledge of calendars. The trigger's name sorts after records_before_insert,
-- which sets the initial state first (BEFORE triggers fire in name order). A SQL import (the demo seed,
-- the benchmark) keeps the due date it gives; a write that leaves the state keeps its due date.
create or replace function private.records_set_due_at() returns trigger
language plpgsql set search_path = '' as $$
begin
  if private.record_write_mode() = 'import' or (tg_op = 'UPDATE' and new.status is not distinct from old.status) then
    return new;
  end if;
  new.due_at := private.record_due_at(
    (select v.definition from public.service_versions v where v.service_id = new.service_id and v.version = new.service_version),
    new.status, new.data, now());
  return new;
end;
$$;

revoke execute on function private.records_set_due_at() from public, anon;
-- end routine

-- routine: supabase/routines/public/comment_record.sql
-- Adds a comment to the history; anyone who reads the record within their scope may comment.
-- A participant who reads it only as a participant (it left their scope) may not: participants
-- read, never write. At most 2,000 characters; a comment of blanks is none.
create or replace function public.comment_record(p_id uuid, p_comment text) returns public.record_events
language plpgsql security invoker set search_path = '' as $$
declare
  target public.records;
  given_comment text;
begin
  select * into target from public.records where id = p_id;
  if target.id is null or not private.may_act_on('read', target.service_id, target.org_unit_id) then
    perform private.raise_record_error('PT404', 'record_not_found', '记录不存在或无权访问 / No such record, or not yours to see');
  end if;
  given_comment := private.free_text(p_comment, 2000, '处理意见', 'comment');
  if given_comment is null then
    perform private.raise_record_error('PT400', 'comment_required', '请填写处理意见 / A comment is required',
      jsonb_build_object('code', 'comment_required'));
  end if;
  return private.append_record_event(target, 'comment', target.status, target.status, p_comment => given_comment);
end;
$$;
-- end routine

-- routine: supabase/routines/private/note_record_participants.sql
-- AFTER INSERT OR UPDATE OF assignee on records: the creator and every assignee become
-- participants, who keep reading the record after it leaves their scope (DESIGN §6).
-- security definer: record_participants has no write policy; only these triggers write it.
create or replace function private.note_record_participants() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'INSERT' and new.created_by is not null then
    insert into public.record_participants (record_id, user_id, kind, since)
    values (new.id, new.created_by, 'creator', new.created_at)
    on conflict do nothing;
  end if;
  if new.assignee is not null and (tg_op = 'INSERT' or new.assignee is distinct from old.assignee) then
    insert into public.record_participants (record_id, user_id, kind, since)
    values (new.id, new.assignee, 'assignee', now())
    on conflict do nothing;
  end if;
  return null;
end;
$$;

revoke execute on function private.note_record_participants() from public, anon;
-- end routine

-- routine: supabase/routines/private/note_event_actor.sql
-- AFTER INSERT on record_events: whoever acted on a record (a transition, an edit, a checklist,
-- an assignment) becomes a participant. Creation has its own kind (note_record_participants);
-- a comment is not taking part: anyone who reads the record may comment, and a comment must not
-- extend the commenter's sight.
-- security definer: record_participants has no write policy; only these triggers write it.
create or replace function private.note_event_actor() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.actor is not null and new.kind not in ('created', 'comment') then
    insert into public.record_participants (record_id, user_id, kind, since)
    values (new.record_id, new.actor, 'actor', new.created_at)
    on conflict do nothing;
  end if;
  return null;
end;
$$;

revoke execute on function private.note_event_actor() from public, anon;
-- end routine

-- routine: supabase/routines/private/my_participations.sql
-- The live records the caller took part in (created, was assigned, acted on), with the service
-- and unit each has now. The records policy turns these into its arrays and its hashed id set
-- once per query, like the scope helpers. Nothing without an active membership: an account that
-- no longer belongs reads nothing, participations included.
-- security definer: reads record_participants and records without their policies (the records
-- policy itself calls it).
create or replace function private.my_participations()
returns table (record_id uuid, service_id uuid, org_unit_id uuid)
language sql stable security definer set search_path = '' as $$
  select r.id, r.service_id, r.org_unit_id
    from public.record_participants p
    join public.records r on r.id = p.record_id
   where p.user_id = (select auth.uid()) and r.deleted_at is null
     and private.has_active_membership()
$$;

revoke execute on function private.my_participations() from public, anon;
grant execute on function private.my_participations() to authenticated, service_role;
-- end routine

-- routine: supabase/routines/private/blind_value.sql
-- The normalised form of a full ID number or phone number, as the blind index keys it:
-- 'id:' + 18 characters (check character upper-case), 'phone:' + E.164 digits (canonical_phone;
-- a bare 11-digit mobile is +86) or a landline's digits with its leading 0. Spaces, hyphens and
-- full-width characters typed at a counter do not matter. Anything else (a fragment, a name):
-- null, so only a full value can be searched.
create or replace function private.blind_value(p_value text) returns text
language sql immutable set search_path = '' as $$
  with cleaned as (select upper(regexp_replace(normalize(coalesce(p_value, ''), nfkc), '[\s()-]', '', 'g')) as v)
  select case
    when v ~ '^[0-9]{17}[0-9X]$' then 'id:' || v
    when v ~ '^0[0-9]{9,11}$' then 'phone:' || v
    when private.canonical_phone(v) is not null and length(v) >= 11 then 'phone:' || private.canonical_phone(v)
  end
    from cleaned
$$;

revoke execute on function private.blind_value(text) from public, anon;
grant execute on function private.blind_value(text) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/private/blind_index.sql
-- The blind index of a value: HMAC-SHA256 of its normalised form (blind_value) under the
-- installation's secret key (private.blind_index_key, readable by no API role). Equal values
-- give equal digests, so a full ID number or phone can be found without storing or comparing
-- it in clear, and without the key nobody can test guesses against the digests. Null for a
-- value that is not a full ID number or phone.
-- security definer: reads the key.
create or replace function private.blind_index(p_value text) returns bytea
language sql stable security definer set search_path = '' as $$
  select extensions.hmac(convert_to(b.v, 'UTF8'), k.key, 'sha256')
    from (select private.blind_value(p_value) as v) b, private.blind_index_key k
   where b.v is not null
$$;

revoke execute on function private.blind_index(text) from public, anon;
grant execute on function private.blind_index(text) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/private/index_sensitive_values.sql
-- AFTER INSERT OR UPDATE on private.record_sensitive_values: the blind index of every raw answer
-- that is a full ID number or phone (top-level answers, and the cells of sub-table rows), so
-- search_records_by_value can find the record. Rewritten with the answers; deleted with them
-- (cascade from the record, or the delete of store_sensitive_answers).
-- security definer: record_value_digests is written by nobody else.
create or replace function private.index_sensitive_values() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  delete from private.record_value_digests where record_id = new.record_id;
  insert into private.record_value_digests (record_id, field_key, digest)
  select distinct new.record_id, a.key, private.blind_index(v.value)
    from jsonb_each(new.data) a
   cross join lateral (
     select a.value #>> '{}' as value where jsonb_typeof(a.value) = 'string'
     union all
     select c.value #>> '{}' from jsonb_array_elements(case when jsonb_typeof(a.value) = 'array' then a.value else '[]' end) r
      cross join lateral jsonb_each(case when jsonb_typeof(r) = 'object' then r else '{}' end) c
      where jsonb_typeof(c.value) = 'string'
   ) v
   where private.blind_value(v.value) is not null;
  return null;
end;
$$;

revoke execute on function private.index_sensitive_values() from public, anon;
-- end routine

-- routine: supabase/routines/private/records_matching_value.sql
-- The live records of a service whose blind index holds p_digest and where the caller may view
-- sensitive answers (view_sensitive at the record's unit or above), with the field that matched.
-- security definer: reads record_value_digests, which no API role can; the scope check is here.
create or replace function private.records_matching_value(p_service_id uuid, p_digest bytea)
returns table (record_id uuid, field_key text)
language sql stable security definer set search_path = '' as $$
  select r.id, min(d.field_key)
    from private.record_value_digests d
    join public.records r on r.id = d.record_id
   where d.digest = p_digest and r.service_id = p_service_id and r.deleted_at is null
     and (r.service_id, r.org_unit_id) in (select s.service_id, s.org_unit_id from private.my_record_scope('view_sensitive') s)
   group by r.id
$$;

revoke execute on function private.records_matching_value(uuid, bytea) from public, anon;
grant execute on function private.records_matching_value(uuid, bytea) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/private/sensitive_use_unit.sql
-- The unit a search or export is filed under in sensitive_access_log: one of the caller's active
-- units where their role holds p_action on the service (else any active unit of theirs), so the
-- administrators of the caller's own unit read what they searched or exported.
-- security definer: reads memberships and grants without their policies.
create or replace function private.sensitive_use_unit(p_service_id uuid, p_action text) returns uuid
language sql stable security definer set search_path = '' as $$
  select m.org_unit_id
    from public.memberships m
   where m.user_id = (select auth.uid()) and m.status = 'active'
   order by exists (select 1 from public.service_role_grants g
                     where g.role_key = m.role_key and g.service_id = p_service_id and g.action = p_action) desc,
            m.created_at
   limit 1
$$;

revoke execute on function private.sensitive_use_unit(uuid, text) from public, anon;
grant execute on function private.sensitive_use_unit(uuid, text) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/private/log_sensitive_search.sql
-- Writes the log rows of one search by a full value: one per record found (filed under the
-- record's unit, like an unmask), or one row for a search that found nothing or was refused
-- (filed under the caller's unit). The value searched for is never written, not even hashed.
-- security definer: the log has no insert policy; search_records_by_value decided the outcome.
create or replace function private.log_sensitive_search(p_service_id uuid, p_matches jsonb, p_reason text, p_refusal text) returns void
language plpgsql security definer set search_path = '' as $$
begin
  if jsonb_array_length(coalesce(p_matches, '[]')) > 0 then
    insert into public.sensitive_access_log (kind, record_id, service_id, org_unit_id, field, reason, actor)
    select 'search', r.id, r.service_id, r.org_unit_id, m ->> 'field_key', left(p_reason, 500), (select auth.uid())
      from jsonb_array_elements(p_matches) m
      join public.records r on r.id = (m ->> 'record_id')::uuid;
  else
    insert into public.sensitive_access_log (kind, service_id, org_unit_id, field, reason, actor, outcome, refusal, row_count)
    values ('search', p_service_id, private.sensitive_use_unit(p_service_id, 'view_sensitive'), '', left(p_reason, 500),
            (select auth.uid()), case when p_refusal is null then 'granted' else 'refused' end, p_refusal, 0);
  end if;
end;
$$;

revoke execute on function private.log_sensitive_search(uuid, jsonb, text, text) from public, anon;
grant execute on function private.log_sensitive_search(uuid, jsonb, text, text) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/private/log_sensitive_export.sql
-- Writes the log row of one page of an export: who, which service, which sensitive fields were
-- unmasked (none for a masked export), how many rows, the reason and the export's details.
-- Filed under the caller's unit holding `export`, so their administrators read it.
-- security definer: the log has no insert policy; export_records has checked the caller.
create or replace function private.log_sensitive_export(p_service_id uuid, p_fields text[], p_reason text, p_row_count int, p_detail jsonb) returns void
language sql volatile security definer set search_path = '' as $$
  insert into public.sensitive_access_log (kind, service_id, org_unit_id, field, reason, actor, row_count, detail)
  values ('export', p_service_id, private.sensitive_use_unit(p_service_id, 'export'), left(array_to_string(p_fields, ','), 500),
          left(coalesce(p_reason, ''), 500), (select auth.uid()), p_row_count, p_detail)
$$;

revoke execute on function private.log_sensitive_export(uuid, text[], text, int, jsonb) from public, anon;
grant execute on function private.log_sensitive_export(uuid, text[], text, int, jsonb) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/public/search_records_by_value.sql
-- Finds a service's records by a full ID number or phone (item 7 of issue 9) through the blind
-- index, for a caller holding view_sensitive on the service; returns {"record_ids": [...]} of
-- the records they may read and unmask. Every search is logged like an unmask
-- (sensitive_access_log, kind 'search', with the reason); partial search on the masked text
-- stays the list's keyword filter, open to every reader.
-- Refusals are logged and returned with their HTTP status, as unmask_record_field does:
--   search_forbidden 403 (no view_sensitive on this service), value_not_searchable 400 (not a
--   full ID number or phone), reason_required 400, text_too_long 400.
-- security invoker: the records returned are read under the caller's RLS as well.
create or replace function public.search_records_by_value(p_service_id uuid, p_value text, p_reason text default null) returns jsonb
language plpgsql security invoker set search_path = '' as $$
declare
  reason text := case when char_length(p_reason) > 2000 then p_reason else coalesce(private.tidy_text(p_reason), '') end;
  wanted bytea := private.blind_index(p_value);
  status int;
  refusal text;
  hint text;
  matches jsonb;
begin
  if not exists (select 1 from private.my_record_scope('view_sensitive') s where s.service_id = p_service_id) then
    status := 403; refusal := 'search_forbidden';
    hint := '您的角色不能按完整证件号或电话查找此服务的记录 / Your role may not search this service by a full ID number or phone';
  elsif wanted is null then
    status := 400; refusal := 'value_not_searchable';
    hint := '请输入完整的 18 位身份证号或完整的电话号码 / Enter a full 18-character ID number or a full phone number';
  elsif char_length(reason) > 500 then
    status := 400; refusal := 'text_too_long';
    hint := format('查找原因过长：最多 500 个字，现为 %s 个字 / The reason for searching is too long: at most 500 characters, this has %s',
                   char_length(reason), char_length(reason));
  elsif char_length(reason) < 4 then
    status := 400; refusal := 'reason_required';
    hint := '请填写查找原因（至少 4 个字） / Give a reason for searching (at least 4 characters)';
  end if;
  if refusal is not null then
    perform private.log_sensitive_search(p_service_id, null, left(reason, 500), refusal);
    perform set_config('response.status', status::text, true);
    return jsonb_build_object('code', 'PT' || status, 'message', refusal, 'hint', hint, 'details', null);
  end if;

  select coalesce(jsonb_agg(jsonb_build_object('record_id', m.record_id, 'field_key', m.field_key)), '[]')
    into matches
    from private.records_matching_value(p_service_id, wanted) m
   where exists (select 1 from public.records r where r.id = m.record_id);
  perform private.log_sensitive_search(p_service_id, matches, reason, null);
  return jsonb_build_object('record_ids', coalesce((select jsonb_agg(m -> 'record_id') from jsonb_array_elements(matches) m), '[]'));
end;
$$;

revoke execute on function public.search_records_by_value(uuid, text, text) from public, anon;
grant execute on function public.search_records_by_value(uuid, text, text) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/public/export_records.sql
-- One page (at most 1,000) of an export (item 8 of issue 9): the caller pages through the list's
-- own query for ids (same filter as the list), then asks this RPC for the rows. It enforces the
-- `export` grant (403 export_forbidden without it on the service; rows outside the caller's
-- export scope are left out) and, for p_unmasked, `view_sensitive` plus a reason of 4 to 500
-- characters: the raw answers of the sensitive fields named in p_columns replace their masks on
-- the rows within the caller's view_sensitive scope. Every page writes one sensitive_access_log
-- row (kind 'export', masked or not): who, which service, which fields unmasked, how many rows,
-- the reason, and p_export_id so the pages of one export read as one.
-- security invoker: the rows are read under the caller's RLS; the raw answers come through
-- sensitive_answers_of (security definer) only after the checks.
create or replace function public.export_records(p_service_id uuid, p_ids uuid[], p_columns text[] default null, p_unmasked boolean default false,
                                                 p_reason text default null, p_export_id uuid default null) returns jsonb
language plpgsql security invoker set search_path = '' as $$
declare
  reason text := case when char_length(p_reason) > 2000 then p_reason else coalesce(private.tidy_text(p_reason), '') end;
  unmasked_fields text[] := '{}';
  rows jsonb;
  row_count int;
begin
  if cardinality(p_ids) > 1000 then
    perform private.raise_record_error('PT400', 'export_page_too_large', '每次最多导出 1000 条 / At most 1,000 records per page');
  end if;
  if not exists (select 1 from private.my_record_scope('export') s where s.service_id = p_service_id) then
    perform private.raise_record_error('PT403', 'export_forbidden', '您的角色不能导出此服务的记录 / Your role may not export this service''s records');
  end if;
  if p_unmasked then
    if not exists (select 1 from private.my_record_scope('view_sensitive') s where s.service_id = p_service_id) then
      perform private.raise_record_error('PT403', 'unmask_forbidden',
        '您的角色不能查看此服务的敏感信息 / Your role may not view this service''s sensitive information');
    end if;
    reason := private.free_text(reason, 500, '导出原因', 'reason');
    if char_length(coalesce(reason, '')) < 4 then
      perform private.raise_record_error('PT400', 'reason_required', '请填写导出原因（至少 4 个字） / Give a reason for exporting (at least 4 characters)');
    end if;
    select coalesce(array_agg(f ->> 'key'), '{}') into unmasked_fields
      from public.services s
      join public.service_versions v on v.service_id = s.id and v.version = s.current_version
     cross join lateral jsonb_array_elements(v.sensitive_fields) f
     where s.id = p_service_id and (p_columns is null or f ->> 'key' = any (p_columns));
  end if;

  with wanted as (select id, ordinality from unnest(p_ids) with ordinality as w (id, ordinality)),
  exported as (
    select w.ordinality, r.*,
           p_unmasked and (r.service_id, r.org_unit_id) in (select s.service_id, s.org_unit_id from private.my_record_scope('view_sensitive') s) as may_unmask
      from wanted w
      join public.records r on r.id = w.id
     where r.service_id = p_service_id
       and (r.service_id, r.org_unit_id) in (select s.service_id, s.org_unit_id from private.my_record_scope('export') s)
  )
  select coalesce(jsonb_agg(
           (to_jsonb(e) - 'ordinality' - 'may_unmask')
           || jsonb_build_object('data', case when e.may_unmask
                                              then e.data || (select coalesce(jsonb_object_agg(a.key, a.value), '{}') from jsonb_each(private.sensitive_answers_of(e.id)) a
                                                               where a.key = any (unmasked_fields))
                                              else e.data end,
                                 'unmasked', e.may_unmask)
           order by e.ordinality), '[]'),
         count(*)
    into rows, row_count
    from exported e;

  perform private.log_sensitive_export(p_service_id, case when p_unmasked then unmasked_fields else '{}' end, reason, row_count,
    jsonb_strip_nulls(jsonb_build_object('unmasked', p_unmasked, 'columns', to_jsonb(p_columns), 'export_id', p_export_id)));
  return jsonb_build_object('rows', rows);
end;
$$;

revoke execute on function public.export_records(uuid, uuid[], text[], boolean, text, uuid) from public, anon;
grant execute on function public.export_records(uuid, uuid[], text[], boolean, text, uuid) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/public/list_audit_events.sql
-- Every kind of event in one list, newest first. p_kinds: any of config, sensitive, auth,
-- storage (null = all). p_user: the acting user. [p_from, p_to): the time range.
-- `total` repeats the number of matching entries on every row (for the pager).
-- security invoker: the public logs are read under the caller's RLS; auth events come from the
-- definer helper above, already scoped.
create or replace function public.list_audit_events(
  p_kinds text[] default null,
  p_user uuid default null,
  p_from timestamptz default null,
  p_to timestamptz default null,
  p_limit int default 50,
  p_offset int default 0
) returns table (
  kind text, entry_id text, at timestamptz, actor uuid, actor_name text, org_unit_id uuid, org_unit_name text,
  action text, subject text, detail jsonb, total bigint
)
language plpgsql stable security invoker set search_path = '' as $$
#variable_conflict use_column
begin
  perform private.refuse_non_administrator();
  return query
  with events as (
    select 'config'::text as kind, a.id::text as entry_id, a.at, a.actor, null::text as actor_label, a.org_unit_id,
           a.table_name || '.' || a.action as action, a.row_id as subject,
           jsonb_build_object('before', a.before, 'after', a.after) as detail
      from public.audit_log a
     where (p_kinds is null or 'config' = any (p_kinds))
       and (p_user is null or a.actor = p_user)
       and (p_from is null or a.at >= p_from) and (p_to is null or a.at < p_to)
    union all
    select 'sensitive', s.id::text, s.at, s.actor, null, s.org_unit_id,
           s.kind || case s.outcome when 'granted' then '' else '_refused' end,
           coalesce(coalesce(s.record_id, s.unknown_record_id)::text || ' · ' || s.field, s.service_id::text),
           jsonb_strip_nulls(jsonb_build_object('record_id', coalesce(s.record_id, s.unknown_record_id), 'service_id', s.service_id,
             'field', nullif(s.field, ''), 'reason', nullif(s.reason, ''), 'refusal', s.refusal, 'rows', s.row_count) || coalesce(s.detail, '{}'))
      from public.sensitive_access_log s
     where (p_kinds is null or 'sensitive' = any (p_kinds))
       and (p_user is null or s.actor = p_user)
       and (p_from is null or s.at >= p_from) and (p_to is null or s.at < p_to)
    union all
    select 'auth', e.id::text, e.at, e.actor, e.actor_username, null::uuid, e.action, e.actor_username,
           e.detail || jsonb_build_object('ip_address', e.ip_address)
      from private.auth_events_in_my_scope(p_user, p_from, p_to) e
     where p_kinds is null or 'auth' = any (p_kinds)
    union all
    select 'storage', st.id::text, st.at, st.actor, null, st.org_unit_ids[1], st.action, st.bucket_id || '/' || st.object_name,
           jsonb_strip_nulls(jsonb_build_object('size', st.size, 'actor_role', st.actor_role, 'more', st.detail))
      from public.storage_access_log st
     where (p_kinds is null or 'storage' = any (p_kinds))
       and (p_user is null or st.actor = p_user)
       and (p_from is null or st.at >= p_from) and (p_to is null or st.at < p_to)
  ),
  page as (
    select ev.*, count(*) over () as total
      from events ev
     order by ev.at desc, ev.kind, ev.entry_id
     limit least(greatest(coalesce(p_limit, 50), 1), 1000) offset greatest(coalesce(p_offset, 0), 0)
  )
  select p.kind, p.entry_id, p.at, p.actor,
         coalesce(nullif(pr.display_name, ''), p.actor_label, pr.phone, pr.email),
         p.org_unit_id, u.name, p.action, p.subject, p.detail, p.total
    from page p
    left join public.profiles pr on pr.id = p.actor
    left join public.org_units u on u.id = p.org_unit_id
   order by p.at desc, p.kind, p.entry_id;
end;
$$;
-- end routine

-- Hand-written DDL that names the routines (triggers, policies, grants), or nothing.

-- Public holidays and 调休 working days, 2024–2026 (chinese-days has no 2027 yet), before the
-- audit trigger: the seed is no administrator's change.
-- generated by scripts/generate-work-calendar.ts 2024 2027 from chinese-days 1.5.7
insert into public.work_calendar (day, kind, name) values
  ('2024-01-01', 'holiday', '元旦'),
  ('2024-02-04', 'workday', '春节调休上班'),
  ('2024-02-10', 'holiday', '春节'),
  ('2024-02-11', 'holiday', '春节'),
  ('2024-02-12', 'holiday', '春节'),
  ('2024-02-13', 'holiday', '春节'),
  ('2024-02-14', 'holiday', '春节'),
  ('2024-02-15', 'holiday', '春节'),
  ('2024-02-16', 'holiday', '春节'),
  ('2024-02-17', 'holiday', '春节'),
  ('2024-02-18', 'workday', '春节调休上班'),
  ('2024-04-04', 'holiday', '清明'),
  ('2024-04-05', 'holiday', '清明'),
  ('2024-04-06', 'holiday', '清明'),
  ('2024-04-07', 'workday', '清明调休上班'),
  ('2024-04-28', 'workday', '劳动节调休上班'),
  ('2024-05-01', 'holiday', '劳动节'),
  ('2024-05-02', 'holiday', '劳动节'),
  ('2024-05-03', 'holiday', '劳动节'),
  ('2024-05-04', 'holiday', '劳动节'),
  ('2024-05-05', 'holiday', '劳动节'),
  ('2024-05-11', 'workday', '劳动节调休上班'),
  ('2024-06-10', 'holiday', '端午'),
  ('2024-09-14', 'workday', '中秋调休上班'),
  ('2024-09-15', 'holiday', '中秋'),
  ('2024-09-16', 'holiday', '中秋'),
  ('2024-09-17', 'holiday', '中秋'),
  ('2024-09-29', 'workday', '国庆节调休上班'),
  ('2024-10-01', 'holiday', '国庆节'),
  ('2024-10-02', 'holiday', '国庆节'),
  ('2024-10-03', 'holiday', '国庆节'),
  ('2024-10-04', 'holiday', '国庆节'),
  ('2024-10-05', 'holiday', '国庆节'),
  ('2024-10-06', 'holiday', '国庆节'),
  ('2024-10-07', 'holiday', '国庆节'),
  ('2024-10-12', 'workday', '国庆节调休上班'),
  ('2025-01-01', 'holiday', '元旦'),
  ('2025-01-26', 'workday', '春节调休上班'),
  ('2025-01-28', 'holiday', '春节'),
  ('2025-01-29', 'holiday', '春节'),
  ('2025-01-30', 'holiday', '春节'),
  ('2025-01-31', 'holiday', '春节'),
  ('2025-02-01', 'holiday', '春节'),
  ('2025-02-02', 'holiday', '春节'),
  ('2025-02-03', 'holiday', '春节'),
  ('2025-02-04', 'holiday', '春节'),
  ('2025-02-08', 'workday', '春节调休上班'),
  ('2025-04-04', 'holiday', '清明'),
  ('2025-04-05', 'holiday', '清明'),
  ('2025-04-06', 'holiday', '清明'),
  ('2025-04-27', 'workday', '劳动节调休上班'),
  ('2025-05-01', 'holiday', '劳动节'),
  ('2025-05-02', 'holiday', '劳动节'),
  ('2025-05-03', 'holiday', '劳动节'),
  ('2025-05-04', 'holiday', '劳动节'),
  ('2025-05-05', 'holiday', '劳动节'),
  ('2025-05-31', 'holiday', '端午'),
  ('2025-06-01', 'holiday', '端午'),
  ('2025-06-02', 'holiday', '端午'),
  ('2025-09-28', 'workday', '国庆节调休上班'),
  ('2025-10-01', 'holiday', '国庆节'),
  ('2025-10-02', 'holiday', '国庆节'),
  ('2025-10-03', 'holiday', '国庆节'),
  ('2025-10-04', 'holiday', '国庆节'),
  ('2025-10-05', 'holiday', '国庆节'),
  ('2025-10-06', 'holiday', '中秋'),
  ('2025-10-07', 'holiday', '国庆节'),
  ('2025-10-08', 'holiday', '国庆节'),
  ('2025-10-11', 'workday', '国庆节调休上班'),
  ('2026-01-01', 'holiday', '元旦'),
  ('2026-01-02', 'holiday', '元旦'),
  ('2026-01-03', 'holiday', '元旦'),
  ('2026-01-04', 'workday', '元旦调休上班'),
  ('2026-02-14', 'workday', '春节调休上班'),
  ('2026-02-15', 'holiday', '春节'),
  ('2026-02-16', 'holiday', '春节'),
  ('2026-02-17', 'holiday', '春节'),
  ('2026-02-18', 'holiday', '春节'),
  ('2026-02-19', 'holiday', '春节'),
  ('2026-02-20', 'holiday', '春节'),
  ('2026-02-21', 'holiday', '春节'),
  ('2026-02-22', 'holiday', '春节'),
  ('2026-02-23', 'holiday', '春节'),
  ('2026-02-28', 'workday', '春节调休上班'),
  ('2026-04-04', 'holiday', '清明'),
  ('2026-04-05', 'holiday', '清明'),
  ('2026-04-06', 'holiday', '清明'),
  ('2026-05-01', 'holiday', '劳动节'),
  ('2026-05-02', 'holiday', '劳动节'),
  ('2026-05-03', 'holiday', '劳动节'),
  ('2026-05-04', 'holiday', '劳动节'),
  ('2026-05-05', 'holiday', '劳动节'),
  ('2026-05-09', 'workday', '劳动节调休上班'),
  ('2026-06-19', 'holiday', '端午'),
  ('2026-06-20', 'holiday', '端午'),
  ('2026-06-21', 'holiday', '端午'),
  ('2026-09-20', 'workday', '国庆节调休上班'),
  ('2026-09-25', 'holiday', '中秋'),
  ('2026-09-26', 'holiday', '中秋'),
  ('2026-09-27', 'holiday', '中秋'),
  ('2026-10-01', 'holiday', '国庆节'),
  ('2026-10-02', 'holiday', '国庆节'),
  ('2026-10-03', 'holiday', '国庆节'),
  ('2026-10-04', 'holiday', '国庆节'),
  ('2026-10-05', 'holiday', '国庆节'),
  ('2026-10-06', 'holiday', '国庆节'),
  ('2026-10-07', 'holiday', '国庆节'),
  ('2026-10-10', 'workday', '国庆节调休上班')
on conflict (day) do nothing;

create trigger records_note_participants
after insert or update of assignee on public.records
for each row execute function private.note_record_participants();

create trigger record_events_note_actor
after insert on public.record_events
for each row execute function private.note_event_actor();

create trigger records_set_due_at
before insert or update of status on public.records
for each row execute function private.records_set_due_at();

create trigger record_sensitive_values_blind_index
after insert or update on private.record_sensitive_values
for each row execute function private.index_sensitive_values();

create trigger work_calendar_audit
after insert or update or delete on public.work_calendar
for each row execute function private.audit_config_change('day');

-- Records written before this migration: their participants and blind index.
insert into public.record_participants (record_id, user_id, kind, since)
select r.id, r.created_by, 'creator', r.created_at from public.records r where r.created_by is not null
union all
select r.id, r.assignee, 'assignee', r.updated_at from public.records r where r.assignee is not null
union all
select e.record_id, e.actor, 'actor', min(e.created_at) from public.record_events e
 where e.actor is not null and e.kind not in ('created', 'comment') group by e.record_id, e.actor
on conflict do nothing;
update private.record_sensitive_values set data = data;

-- Participants read. The scope part is the former policy; participations widen its two arrays
-- (the index condition) and are admitted in the filter by id. An initplan and two hashed
-- subplans, once per query, never per row.
drop policy "Users can read records of services they may read within their units" on public.records;
create policy "Users can read records within their scope and records they took part in"
on public.records for select to authenticated
using (
  deleted_at is null
  and service_id = any ((select private.my_scope_services('read') || array(select distinct p.service_id from private.my_participations() p))::uuid[])
  and org_unit_id = any ((select private.my_scope_units('read') || array(select distinct p.org_unit_id from private.my_participations() p))::uuid[])
  and ((service_id, org_unit_id) in (select s.service_id, s.org_unit_id from private.my_record_scope('read') s)
       or id in (select p.record_id from private.my_participations() p))
);

-- The policy's filter reads id: INCLUDE it so the count stays an index-only scan.
drop index public.records_scope_idx;
create index records_scope_idx on public.records (service_id, org_unit_id) include (id) where deleted_at is null;
drop index public.records_status_scope_idx;
create index records_status_scope_idx on public.records (service_id, status, org_unit_id) include (id) where deleted_at is null;

