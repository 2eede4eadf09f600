-- One table for the records of every service (DESIGN §5) and their append-only history.
-- Records are inserted through PostgREST: a trigger fixes the system columns (the client
-- cannot choose status, version, due date or author) and the data is validated against the
-- record's frozen service version. Every later change goes through an RPC
-- (20261126010300_create_record_actions.sql); a trigger refuses any other UPDATE or DELETE.
--
-- Visibility: a user holding, at the record's unit or an ancestor, a role granted `read` on
-- the service. private.my_record_scope(action) lists the caller's (service, unit) pairs once
-- per query; the policies never call a function per row.

create table public.records (
  id uuid primary key default gen_random_uuid(),
  service_id uuid not null references public.services (id) on delete restrict,
  service_version int not null,
  org_unit_id uuid not null references public.org_units (id) on delete restrict,
  -- the resident registry (一人一档) comes with its own migration and foreign key
  resident_id uuid,
  status text not null,
  assignee uuid,
  due_at timestamptz,
  data jsonb not null default '{}',
  row_version int not null default 1,
  is_synthetic boolean not null default false,
  created_at timestamptz not null default now(),
  created_by uuid,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  deleted_at timestamptz,
  deleted_by uuid,
  foreign key (service_id, service_version) references public.service_versions (service_id, version)
);
comment on table public.records is 'Records of every service; fields in data, validated against service_versions.definition. Changed only through RPCs.';
comment on column public.records.assignee is 'auth.users id. Actor columns carry no foreign key so history survives a deleted account.';
comment on column public.records.is_synthetic is 'Demo data (domain.md §6): never a real person.';

-- The RLS scope together with the service key (STACK.md), then what lists filter and sort on.
create index records_scope_idx on public.records (service_id, org_unit_id) where deleted_at is null;
create index records_service_created_at_idx on public.records (service_id, created_at desc) where deleted_at is null;
create index records_service_status_idx on public.records (service_id, status, created_at desc) where deleted_at is null;
create index records_service_due_at_idx on public.records (service_id, due_at) where deleted_at is null and due_at is not null;
create index records_assignee_idx on public.records (assignee, status) where deleted_at is null and assignee is not null;
create index records_resident_id_idx on public.records (resident_id) where resident_id is not null;

create table public.record_events (
  id bigint generated always as identity primary key,
  record_id uuid not null references public.records (id) on delete restrict,
  -- copied from the record at the time of the event, for reports over many records
  service_id uuid not null,
  org_unit_id uuid not null,
  kind text not null check (kind in ('created', 'updated', 'transition', 'comment', 'checklist', 'attachment', 'deleted')),
  from_status text,
  to_status text,
  transition_key text,
  comment text,
  -- {field: [old, new]}
  diff jsonb,
  -- [{key, label, checked}]
  checklist jsonb,
  actor uuid,
  created_at timestamptz not null default now()
);
comment on table public.record_events is 'Append-only history of records. Nobody updates or deletes it.';
create index record_events_record_id_idx on public.record_events (record_id, id);
create index record_events_scope_idx on public.record_events (service_id, org_unit_id, created_at desc);

create trigger record_events_immutable
before update or delete on public.record_events
for each row execute function private.refuse_change();

-- routine: supabase/routines/private/refuse_truncate.sql
create or replace function private.refuse_truncate() returns trigger
language plpgsql set search_path = '' as $$
begin
  raise exception using errcode = '42501', message = format('%s_immutable', tg_table_name),
    hint = '历史记录不能修改或删除 / History cannot be changed or deleted';
end;
$$;
-- end routine

create trigger record_events_no_truncate
before truncate on public.record_events
for each statement execute function private.refuse_truncate();

-- routine: supabase/routines/private/append_record_event.sql
-- Writes one history entry. security definer: record_events has no insert policy, so that
-- clients cannot forge history; only the engine's triggers and RPCs call this.
create or replace function private.append_record_event(
  p_record public.records,
  p_kind text,
  p_from_status text default null,
  p_to_status text default null,
  p_transition_key text default null,
  p_comment text default null,
  p_diff jsonb default null,
  p_checklist jsonb default null,
  p_actor uuid default null,
  p_at timestamptz default null
) returns public.record_events
language plpgsql security definer set search_path = '' as $$
declare
  event public.record_events;
begin
  insert into public.record_events (record_id, service_id, org_unit_id, kind, from_status, to_status,
                                    transition_key, comment, diff, checklist, actor, created_at)
  values (p_record.id, p_record.service_id, p_record.org_unit_id, p_kind, p_from_status, p_to_status,
          p_transition_key, p_comment, p_diff, p_checklist, coalesce(p_actor, (select auth.uid())), coalesce(p_at, now()))
  returning * into event;
  return event;
end;
$$;
-- end routine

-- routine: supabase/routines/private/my_record_scope.sql
-- The caller's (service, unit) pairs for an action: every unit in the subtree of each unit
-- where the caller holds an active membership whose role is granted the action on the service.
-- security definer: reads memberships and grants without their policies, once per query.
create or replace function private.my_record_scope(p_action text)
returns table (service_id uuid, org_unit_id uuid)
language sql stable security definer set search_path = '' as $$
  select distinct g.service_id, unit.id
    from public.memberships m
    join public.org_units mine on mine.id = m.org_unit_id
    join public.service_role_grants g on g.role_key = m.role_key and g.action = p_action
    join public.org_units unit on unit.path = mine.path or unit.path like mine.path || '.%'
   where m.user_id = (select auth.uid()) and m.status = 'active'
$$;
-- end routine

-- routine: supabase/routines/private/my_scope_services.sql
-- The same scope as two arrays whose cross product contains it (exactly it for a user with
-- one membership). Policies use them as index conditions on (service_id, org_unit_id).
-- security definer: as my_record_scope.
create or replace function private.my_scope_services(p_action text) returns uuid[]
language sql stable security definer set search_path = '' as $$
  select coalesce(array_agg(distinct g.service_id), '{}')
    from public.memberships m
    join public.service_role_grants g on g.role_key = m.role_key and g.action = p_action
   where m.user_id = (select auth.uid()) and m.status = 'active'
$$;
-- end routine

-- routine: supabase/routines/private/my_scope_units.sql
create or replace function private.my_scope_units(p_action text) returns uuid[]
language sql stable security definer set search_path = '' as $$
  select coalesce(array_agg(distinct unit.id), '{}')
    from public.memberships m
    join public.org_units mine on mine.id = m.org_unit_id
    join public.org_units unit on unit.path = mine.path or unit.path like mine.path || '.%'
   where m.user_id = (select auth.uid()) and m.status = 'active'
     and exists (select 1 from public.service_role_grants g where g.role_key = m.role_key and g.action = p_action)
$$;
-- end routine

-- routine: supabase/routines/private/may_act_on.sql
-- Does the caller hold `p_action` on this service at this unit (or above)? For the RPCs.
-- security definer: as my_record_scope.
create or replace function private.may_act_on(p_action text, p_service_id uuid, p_org_unit_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from private.my_record_scope(p_action) s where s.service_id = p_service_id and s.org_unit_id = p_org_unit_id)
$$;
-- end routine

-- routine: supabase/routines/private/works_on_unit_branch.sql
-- Does this user work on the record's branch of the tree (at the unit, above or below it)?
-- security definer: the caller may not see the other person's memberships.
create or replace function private.works_on_unit_branch(p_user_id uuid, p_org_unit_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1
      from public.memberships m
      join public.org_units theirs on theirs.id = m.org_unit_id
      join public.org_units target on target.id = p_org_unit_id
     where m.user_id = p_user_id and m.status = 'active'
       and (target.path = theirs.path or target.path like theirs.path || '.%' or theirs.path like target.path || '.%')
  )
$$;
-- end routine

-- routine: supabase/routines/private/record_write_mode.sql
-- Whether the running transaction is one of the engine's own writes: the record RPCs
-- ('rpc') or a SQL import such as the demo seed ('import'). PostgREST clients cannot set it.
create or replace function private.record_write_mode() returns text
language sql stable set search_path = '' as $$
  select coalesce(nullif(current_setting('app.record_write', true), ''), 'api')
$$;
-- end routine

-- routine: supabase/routines/private/records_before_insert.sql
-- BEFORE INSERT: the service must be published and own the unit; the system columns come
-- from the current version, not from the client.
create or replace function private.records_before_insert() returns trigger
language plpgsql set search_path = '' as $$
declare
  target record;
begin
  select s.status, s.current_version, v.initial_status, v.initial_sla_hours,
         exists (select 1 from public.org_units unit join public.org_units owner on owner.id = s.owner_org_unit_id
                  where unit.id = new.org_unit_id and (unit.path = owner.path or unit.path like owner.path || '.%')) as unit_served,
         coalesce((select a.value = 'true'::jsonb from public.app_settings a where a.key = 'demo_mode'), false) as demo
    into target
    from public.services s
    left join public.service_versions v on v.service_id = s.id and v.version = s.current_version
   where s.id = new.service_id;
  if target.status is distinct from 'published' then
    raise exception using errcode = 'PT400', message = 'service_not_published',
      hint = '该服务未发布，不能新建记录 / This service is not published; records cannot be created';
  end if;
  if not target.unit_served then
    raise exception using errcode = 'PT400', message = 'unit_outside_service',
      hint = '记录所属单位不在该服务的适用范围内 / The record''s unit is outside the units this service serves';
  end if;
  if private.record_write_mode() = 'import' then
    new.service_version := coalesce(new.service_version, target.current_version);
    return new;
  end if;
  if new.assignee is not null and not private.works_on_unit_branch(new.assignee, new.org_unit_id) then
    raise exception using errcode = 'PT400', message = 'assignee_out_of_scope',
      hint = '只能指派给本单位及上下级单位的人员 / Assign only to people working on this unit''s branch';
  end if;
  new.service_version := target.current_version;
  new.status := target.initial_status;
  new.due_at := now() + target.initial_sla_hours * interval '1 hour';
  new.row_version := 1;
  new.created_at := now();
  new.created_by := (select auth.uid());
  new.updated_at := new.created_at;
  new.updated_by := new.created_by;
  new.deleted_at := null;
  new.deleted_by := null;
  -- a demo installation's records are demo data, whoever types them
  new.is_synthetic := target.demo;
  return new;
end;
$$;
-- end routine

create trigger records_before_insert
before insert on public.records
for each row execute function private.records_before_insert();

-- routine: supabase/routines/private/records_validate_data.sql
-- BEFORE INSERT OR UPDATE of data: validate the raw answers against the record's own frozen
-- version, then keep them masked in data and raw aside. On UPDATE, answers sent back as stored
-- (masked) first get their raw value back, so they are validated and kept as they were.
create or replace function private.records_validate_data() returns trigger
language plpgsql set search_path = '' as $$
declare
  version record;
begin
  select v.definition, v.sensitive_fields into version
    from public.service_versions v where v.service_id = new.service_id and v.version = new.service_version;
  if tg_op = 'UPDATE' and version.sensitive_fields <> '[]'::jsonb then
    new.data := private.restore_kept_answers(version.sensitive_fields, new.data, old.data, private.sensitive_answers_of(old.id));
  end if;
  new.data := private.checked_record_data(version.definition, new.data);
  if version.sensitive_fields <> '[]'::jsonb then
    new.data := private.store_sensitive_answers(tg_op = 'INSERT', new.id, version.sensitive_fields, new.data);
  end if;
  return new;
end;
$$;
-- end routine

create trigger records_validate_data_on_insert
before insert on public.records
for each row execute function private.records_validate_data();

create trigger records_validate_data_on_update
before update on public.records
for each row when (old.data is distinct from new.data or old.service_version is distinct from new.service_version)
execute function private.records_validate_data();

-- routine: supabase/routines/private/records_guard_write.sql
-- BEFORE UPDATE / DELETE: only the engine's RPCs change records; nobody deletes them.
create or replace function private.records_guard_write() returns trigger
language plpgsql set search_path = '' as $$
begin
  if tg_op = 'UPDATE' and private.record_write_mode() in ('rpc', 'import') then
    return new;
  end if;
  raise exception using errcode = '42501',
    message = case tg_op when 'UPDATE' then 'records_update_via_rpc' else 'records_delete_via_rpc' end,
    detail = 'update_record, transition_record, assign_record, comment_record, delete_record',
    hint = case tg_op
      when 'UPDATE' then '记录只能通过办理操作修改 / Records change only through their actions (update_record, transition_record …)'
      else '记录不能直接删除，请使用删除操作（保留痕迹） / Records are not deleted directly; use delete_record, which keeps the history' end;
end;
$$;
-- end routine

create trigger records_guard_update
before update on public.records
for each row execute function private.records_guard_write();

create trigger records_guard_delete
before delete on public.records
for each row execute function private.records_guard_write();

-- routine: supabase/routines/private/records_after_insert.sql
-- AFTER INSERT: the first history entry.
create or replace function private.records_after_insert() returns trigger
language plpgsql set search_path = '' as $$
begin
  perform private.append_record_event(new, 'created', p_to_status => new.status, p_actor => new.created_by, p_at => new.created_at);
  return null;
end;
$$;
-- end routine

create trigger records_after_insert
after insert on public.records
for each row execute function private.records_after_insert();

alter table public.records enable row level security;
alter table public.record_events enable row level security;

create policy "Users can read records of services they may read within their units"
on public.records for select to authenticated
using (
  deleted_at is null
  and service_id = any ((select private.my_scope_services('read'))::uuid[])
  and org_unit_id = any ((select private.my_scope_units('read'))::uuid[])
  and (service_id, org_unit_id) in (select s.service_id, s.org_unit_id from private.my_record_scope('read') s)
);

create policy "Users can create records of services they may create within their units"
on public.records for insert to authenticated
with check ((service_id, org_unit_id) in (select s.service_id, s.org_unit_id from private.my_record_scope('create') s));

-- Reaching a row is enough for an UPDATE or DELETE to meet the guard trigger, so a direct
-- write gets a clear error instead of a silent "0 rows". The RPCs check the action itself
-- (update, delete, the transition's roles); an escalation moves the record out of the
-- caller's units, so the new row is not held to the caller's scope.
create policy "Users can reach records they read, for the engine's RPCs"
on public.records for update to authenticated
using (
  deleted_at is null
  and service_id = any ((select private.my_scope_services('read'))::uuid[])
  and org_unit_id = any ((select private.my_scope_units('read'))::uuid[])
  and (service_id, org_unit_id) in (select s.service_id, s.org_unit_id from private.my_record_scope('read') s)
)
with check (true);

create policy "Users reach records they read only to be told deletion is not allowed"
on public.records for delete to authenticated
using (
  deleted_at is null
  and service_id = any ((select private.my_scope_services('read'))::uuid[])
  and org_unit_id = any ((select private.my_scope_units('read'))::uuid[])
  and (service_id, org_unit_id) in (select s.service_id, s.org_unit_id from private.my_record_scope('read') s)
);

-- History follows its record: visible exactly when the record is (records' policy applies
-- inside), wherever the record has moved since the event was written.
create policy "Users can read the history of records they can read"
on public.record_events for select to authenticated
using (exists (select 1 from public.records r where r.id = record_events.record_id));

revoke execute on function private.append_record_event(public.records, text, text, text, text, text, jsonb, jsonb, uuid, timestamptz),
  private.my_record_scope(text), private.my_scope_services(text), private.my_scope_units(text),
  private.may_act_on(text, uuid, uuid), private.works_on_unit_branch(uuid, uuid) from public, anon;
grant execute on function private.append_record_event(public.records, text, text, text, text, text, jsonb, jsonb, uuid, timestamptz),
  private.my_record_scope(text), private.my_scope_services(text), private.my_scope_units(text),
  private.may_act_on(text, uuid, uuid), private.works_on_unit_branch(uuid, uuid) to authenticated, service_role;
