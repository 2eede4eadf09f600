-- Storage writes are logged (issue 7, OWASP ASVS V16): every upload, overwrite, move and removal
-- of a file, and every signed download URL issued, lands in public.storage_access_log. Uploads,
-- moves and removals are written by a trigger on storage.objects, so they are logged on hosted
-- Supabase too (its Storage writes the rows with the caller's claims set); signed URLs touch no
-- row, so the local Storage gateway logs them through private.log_storage_signing() in the
-- signing transaction (hosted Storage issues signed URLs without asking the database).
--
-- Append-only for everyone, the service role and the table owner included. Read scope: an entry
-- names the units where the actor held an active membership at the time (org_unit_ids);
-- administrators of any of those units or above read it, system administrators read all.

create table public.storage_access_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  action text not null check (action in ('upload', 'overwrite', 'move', 'delete', 'sign')),
  bucket_id text not null,
  object_name text not null,
  -- no foreign keys: the log outlives the objects, people and units it names
  object_id uuid,
  size bigint,
  actor uuid,
  actor_role text not null,
  org_unit_ids uuid[] not null default '{}',
  detail jsonb
);
comment on table public.storage_access_log is 'Append-only log of Storage writes: uploads, overwrites, moves, removals (trigger on storage.objects) and signed-URL issues (gateway). Read by administrators of the actor''s units.';
comment on column public.storage_access_log.org_unit_ids is 'Units where the actor held an active membership when acting; decides which administrators may read the entry.';
comment on column public.storage_access_log.detail is 'move: {"from": "<bucket>/<name>"}; sign: {"expires_in": seconds}.';
create index storage_access_log_at_idx on public.storage_access_log (at desc);
create index storage_access_log_actor_at_idx on public.storage_access_log (actor, at desc);
create index storage_access_log_org_unit_ids_idx on public.storage_access_log using gin (org_unit_ids);

-- routine: supabase/routines/private/refuse_storage_access_log_change.sql
create or replace function private.refuse_storage_access_log_change() returns trigger
language plpgsql set search_path = '' as $$
begin
  raise exception using errcode = '42501', message = 'storage_access_log_append_only',
    hint = '文件访问日志只能追加，不能修改或删除 / The storage access log is append-only';
end;
$$;
-- end routine

create trigger storage_access_log_append_only
before update or delete on public.storage_access_log
for each row execute function private.refuse_storage_access_log_change();

create trigger storage_access_log_no_truncate
before truncate on public.storage_access_log
for each statement execute function private.refuse_storage_access_log_change();

alter table public.storage_access_log enable row level security;
revoke all on public.storage_access_log from anon, authenticated, service_role;
grant select on public.storage_access_log to authenticated, service_role;

create policy "System administrators can read the whole storage access log"
on public.storage_access_log for select to authenticated
using ((select private.is_system_admin()));

create policy "Administrators can read the storage access log of people in their units"
on public.storage_access_log for select to authenticated
using (exists (
  select 1 from unnest(storage_access_log.org_unit_ids) acted(unit_id)
    join public.org_units u on u.id = acted.unit_id
   where private.path_within(u.path, (select private.my_admin_unit_paths()))
));

-- routine: supabase/routines/private/active_unit_ids.sql
-- Units where `p_user` holds an active membership now.
-- security definer: the caller may not read the actor's memberships.
create or replace function private.active_unit_ids(p_user uuid) returns uuid[]
language sql stable security definer set search_path = '' as $$
  select coalesce(array_agg(distinct m.org_unit_id), '{}') from public.memberships m where m.user_id = p_user and m.status = 'active'
$$;
-- end routine

-- routine: supabase/routines/private/append_storage_access.sql
create or replace function private.append_storage_access(p_action text, p_bucket_id text, p_name text, p_object_id uuid, p_size bigint, p_owner text, p_detail jsonb)
returns void
language plpgsql security definer set search_path = '' as $$
-- security definer: no API role may insert into the log, so entries cannot be forged.
declare
  actor uuid := coalesce((select auth.uid()), case when p_owner ~ '^[0-9a-fA-F-]{36}$' then p_owner::uuid end);
begin
  insert into public.storage_access_log (action, bucket_id, object_name, object_id, size, actor, actor_role, org_unit_ids, detail)
  values (p_action, p_bucket_id, p_name, p_object_id, p_size, actor,
          coalesce(nullif((select auth.role()), ''), current_user), private.active_unit_ids(actor), p_detail);
end;
$$;
-- end routine

-- routine: supabase/routines/private/object_size.sql
-- An object's size as hosted Storage and the local gateway record it in metadata.
create or replace function private.object_size(p_metadata jsonb) returns bigint
language sql immutable set search_path = '' as $$
  select coalesce(nullif(p_metadata ->> 'size', '')::bigint, nullif(p_metadata ->> 'contentLength', '')::bigint)
$$;

revoke execute on function private.object_size(jsonb) from public, anon;
grant execute on function private.object_size(jsonb) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/private/log_storage_object_change.sql
-- security definer: writes the log (see append_storage_access).
create or replace function private.log_storage_object_change() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'INSERT' then
    perform private.append_storage_access('upload', new.bucket_id, new.name, new.id, private.object_size(new.metadata), new.owner_id, null);
  elsif tg_op = 'DELETE' then
    perform private.append_storage_access('delete', old.bucket_id, old.name, old.id, private.object_size(old.metadata), old.owner_id, null);
  elsif (new.bucket_id, new.name) is distinct from (old.bucket_id, old.name) then
    perform private.append_storage_access('move', new.bucket_id, new.name, new.id, private.object_size(new.metadata), new.owner_id,
      jsonb_build_object('from', old.bucket_id || '/' || old.name));
  elsif new.metadata ->> 'eTag' is distinct from old.metadata ->> 'eTag' or new.version is distinct from old.version then
    -- new bytes under the same name; a touch of last_accessed_at alone is no write
    perform private.append_storage_access('overwrite', new.bucket_id, new.name, new.id, private.object_size(new.metadata), new.owner_id, null);
  end if;
  return null;
end;
$$;
-- end routine

create trigger storage_objects_log_writes
after insert or update or delete on storage.objects
for each row execute function private.log_storage_object_change();

-- routine: supabase/routines/private/log_storage_signing.sql
-- The local Storage gateway logs the signed URLs it issues, in the signing transaction, as the
-- signer: only objects the signer can see (RLS) are logged, so nothing can be logged falsely.
-- security invoker: the visibility test must run with the caller's RLS; the write goes through
-- append_storage_access.
create or replace function private.log_storage_signing(p_bucket_id text, p_names text[], p_expires_in int) returns void
language plpgsql security invoker set search_path = '' as $$
declare
  signed record;
begin
  for signed in
    select o.id, o.name, o.owner_id, private.object_size(o.metadata) as size
      from storage.objects o where o.bucket_id = p_bucket_id and o.name = any (p_names)
  loop
    perform private.append_storage_access('sign', p_bucket_id, signed.name, signed.id, signed.size, signed.owner_id,
      jsonb_build_object('expires_in', p_expires_in));
  end loop;
end;
$$;
-- end routine

revoke execute on function private.refuse_storage_access_log_change(), private.log_storage_object_change(),
  private.active_unit_ids(uuid), private.append_storage_access(text, text, text, uuid, bigint, text, jsonb),
  private.log_storage_signing(text, text[], int) from public, anon;
grant execute on function private.append_storage_access(text, text, text, uuid, bigint, text, jsonb),
  private.log_storage_signing(text, text[], int) to authenticated, service_role;
