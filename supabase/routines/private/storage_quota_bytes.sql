-- The per-user storage quota in bytes.
-- security definer: app_settings is readable by members only through RLS; the quota must apply
-- to everyone.
create or replace function private.storage_quota_bytes() returns bigint
language sql stable security definer set search_path = '' as $$
  select coalesce(
    (select (s.value #>> '{}')::bigint from public.app_settings s where s.key = 'storage_quota_bytes' and jsonb_typeof(s.value) = 'number'),
    500 * 1024 * 1024)
$$;
