-- Files, too, belong to members only (issue 7): a fresh sign-up could upload unlimited 10 MB
-- files and so turn the platform into anonymous file hosting. Restrictive policies on
-- storage.objects now hold for every bucket, whatever permissive policy lets a row through:
--   * the caller's session is live (private.session_refusal(): not logged out, banned or
--     deleted) — hosted Storage never looks at sessions, and PostgREST's db-pre-request does not
--     cover Storage, so the policies ask;
--   * the caller holds an active membership, to upload, read, change or remove;
--   * an upload keeps the uploader's files within a per-user quota: the sum of the sizes of all
--     objects they own plus the new one. 500 MB unless public.app_settings has
--     `storage_quota_bytes` (a JSON number of bytes).
-- Hosted Storage checks an upload with a rolled-back test insert whose metadata holds only
-- mimetype and contentLength, so the quota reads contentLength of the new row (the local gateway
-- writes both size and contentLength). Parallel uploads each see the others' files only once
-- committed, so the quota may be exceeded by what is in flight at once.
-- A refusal raises 42501 (what Storage answers as 403) with a stable message and a hint in
-- Chinese and English; the local gateway answers membership_required with 403 and
-- storage_quota_exceeded with 413.

-- routine: supabase/routines/private/storage_quota_bytes.sql
-- The per-user storage quota in bytes.
-- security definer: app_settings is readable by members only through RLS; the quota must apply
-- to everyone.
create or replace function private.storage_quota_bytes() returns bigint
language sql stable security definer set search_path = '' as $$
  select coalesce(
    (select (s.value #>> '{}')::bigint from public.app_settings s where s.key = 'storage_quota_bytes' and jsonb_typeof(s.value) = 'number'),
    500 * 1024 * 1024)
$$;
-- end routine

-- routine: supabase/routines/private/storage_upload_allowed.sql
-- May the caller store this object? True, or an exception that says why not.
-- security definer: the quota counts the caller's files that RLS no longer shows them (uploads
-- attached to records are read through their record).
create or replace function private.storage_upload_allowed(p_bucket_id text, p_name text, p_metadata jsonb) returns boolean
language plpgsql stable security definer set search_path = '' as $$
declare
  uploader uuid := (select auth.uid());
  incoming bigint := coalesce(nullif(p_metadata ->> 'contentLength', '')::bigint, nullif(p_metadata ->> 'size', '')::bigint, 0);
  quota bigint := private.storage_quota_bytes();
  used bigint;
begin
  if not private.has_active_membership() then
    raise exception using errcode = '42501', message = 'membership_required',
      hint = '您还不属于任何单位，不能上传文件。请向社区管理员索取邀请链接 / You belong to no unit yet, so you cannot upload files. Ask your community admin for an invitation link';
  end if;
  -- An overwrite (upsert) replaces the object of the same name: it does not count twice.
  select coalesce(sum(coalesce(nullif(o.metadata ->> 'size', '')::bigint, nullif(o.metadata ->> 'contentLength', '')::bigint, 0)), 0)
    into used
    from storage.objects o
   where o.owner_id = uploader::text
     and (o.bucket_id, o.name) is distinct from (p_bucket_id, p_name);
  if used + incoming > quota then
    raise exception using errcode = '42501', message = 'storage_quota_exceeded',
      detail = json_build_object('used', used, 'incoming', incoming, 'quota', quota)::text,
      hint = format('存储空间已满：每人最多 %s MB，已用 %s MB / Storage quota exceeded: at most %s MB per person, %s MB used',
                    round(quota / 1048576.0, 1), round(used / 1048576.0, 1), round(quota / 1048576.0, 1), round(used / 1048576.0, 1));
  end if;
  return true;
end;
$$;
-- end routine

-- anon too: the restrictive policies below hold for anon callers as well (a file is never
-- anyone's without a membership), and Postgres checks EXECUTE on every function a policy calls.
-- private is not exposed by PostgREST, so nobody calls these directly.
revoke execute on function private.storage_quota_bytes(), private.storage_upload_allowed(text, text, jsonb) from public;
grant execute on function private.storage_quota_bytes(), private.storage_upload_allowed(text, text, jsonb) to anon, authenticated, service_role;

create policy "Only members with a live session and room in their quota can upload"
on storage.objects as restrictive for insert to anon, authenticated
with check ((select private.session_refusal()) is null and private.storage_upload_allowed(bucket_id, name, metadata));

create policy "Only members with a live session can read files"
on storage.objects as restrictive for select to anon, authenticated
using ((select private.session_refusal()) is null and (select private.has_active_membership()));

create policy "Only members with a live session can change files"
on storage.objects as restrictive for update to anon, authenticated
using ((select private.session_refusal()) is null and (select private.has_active_membership()));

create policy "Only members with a live session can remove files"
on storage.objects as restrictive for delete to anon, authenticated
using ((select private.session_refusal()) is null and (select private.has_active_membership()));
