-- Audit of configuration changes: who changed which membership, role or invitation (and, later,
-- service grants and definitions), when, from what to what. Append-only for everyone, the
-- service role and the table owner included. Administrators read the entries of units in their
-- scope; system administrators read all of it.

create table public.audit_log (
  id bigint generated always as identity primary key,
  table_name text not null,
  row_id text,
  action text not null check (action in ('insert', 'update', 'delete')),
  -- No foreign keys: the log outlives the people and units it mentions.
  actor uuid,
  org_unit_id uuid,
  at timestamptz not null default now(),
  before jsonb,
  after jsonb
);
comment on table public.audit_log is 'Append-only log of configuration changes, written only by private.audit_config_change(). actor is null for the system (sign-up claims, migrations, service role).';
comment on column public.audit_log.org_unit_id is 'Unit the changed row belongs to; decides which administrators may read the entry.';
create index audit_log_org_unit_id_at_idx on public.audit_log (org_unit_id, at desc);
create index audit_log_table_row_idx on public.audit_log (table_name, row_id);

-- routine: supabase/routines/private/refuse_audit_log_change.sql
create or replace function private.refuse_audit_log_change() returns trigger
language plpgsql set search_path = '' as $$
begin
  raise exception using errcode = '42501', message = 'audit_log_append_only',
    hint = '审计日志只能追加，不能修改或删除 / The audit log is append-only';
end;
$$;
-- end routine

create trigger audit_log_append_only
before update or delete on public.audit_log
for each row execute function private.refuse_audit_log_change();

create trigger audit_log_no_truncate
before truncate on public.audit_log
for each statement execute function private.refuse_audit_log_change();

alter table public.audit_log enable row level security;
revoke all on public.audit_log from anon;
revoke insert, update, delete, truncate on public.audit_log from authenticated, service_role;

create policy "System administrators can read the whole audit log"
on public.audit_log for select to authenticated
using ((select private.is_system_admin()));

create policy "Administrators can read the audit log of units within their scope"
on public.audit_log for select to authenticated
using (exists (
  select 1 from public.org_units u
   where u.id = audit_log.org_unit_id and private.path_within(u.path, (select private.my_admin_unit_paths()))
));

-- routine: supabase/routines/private/audit_config_change.sql
-- Generic row trigger for any configuration table. Arguments (all optional):
--   1. the key column(s), comma-separated, for row_id (default 'id');
--   2. the column naming the row's unit, for read scope (default 'org_unit_id');
--   3. 'via_service': argument 2 names a column holding a service id, and the entry's unit is
--      that service's owning unit (grants and versions have no unit of their own).
-- e.g. `execute function private.audit_config_change('service_id,role_key,action', 'org_unit_id')`.
-- security definer: no API role may insert into audit_log, so entries cannot be forged; this
-- function is the only writer.
create or replace function private.audit_config_change() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  before_row jsonb := case when tg_op in ('UPDATE', 'DELETE') then to_jsonb(old) end;
  after_row jsonb := case when tg_op in ('INSERT', 'UPDATE') then to_jsonb(new) end;
  subject jsonb := coalesce(after_row, before_row);
  key_columns text[] := string_to_array(coalesce(tg_argv[0], 'id'), ',');
  unit_column text := coalesce(tg_argv[1], 'org_unit_id');
  unit_id uuid := (subject ->> unit_column)::uuid;
begin
  if tg_op = 'UPDATE' and before_row = after_row then
    return null;
  end if;
  if tg_argv[2] = 'via_service' then
    select s.owner_org_unit_id into unit_id from public.services s where s.id = unit_id;
  end if;
  insert into public.audit_log (table_name, row_id, action, actor, org_unit_id, before, after)
  values (
    tg_table_name,
    (select string_agg(subject ->> k.name, ',' order by k.ord) from unnest(key_columns) with ordinality as k(name, ord)),
    lower(tg_op),
    (select auth.uid()),
    unit_id,
    before_row,
    after_row
  );
  return null;
end;
$$;
-- end routine

revoke execute on function private.audit_config_change(), private.refuse_audit_log_change() from public, anon, authenticated;

create trigger memberships_audit
after insert or update or delete on public.memberships
for each row execute function private.audit_config_change();

create trigger roles_audit
after insert or update or delete on public.roles
for each row execute function private.audit_config_change('key', 'owner_org_unit_id');

create trigger invitations_audit
after insert or update or delete on public.invitations
for each row execute function private.audit_config_change();
