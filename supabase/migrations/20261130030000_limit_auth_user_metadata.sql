-- User and app metadata are copied into every access token, so into every request's headers:
-- 5 MB of user_metadata (which any user may set on themself through PUT /auth/v1/user) made every
-- later request of that user fail with 431. Both are capped at 16 KB here, in a trigger on
-- auth.users, because hosted GoTrue has no limit of its own (it accepts bodies up to 1 MB).
-- The local gateway answers the refusal as 422 validation_failed; hosted GoTrue reports a trigger
-- error as 500 "Database error updating user", but the oversized metadata is refused either way.

-- routine: supabase/routines/private/check_auth_user_metadata_size.sql
-- security definer: it runs inside the auth server's write to auth.users (role supabase_auth_admin
-- on hosted), and set search_path = '' as every function a trigger on auth.* calls.
create or replace function private.check_auth_user_metadata_size() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if octet_length(coalesce(new.raw_user_meta_data, '{}'::jsonb)::text) > 16384 then
    raise exception using errcode = 'CGA01', message = 'user_metadata_too_large',
      hint = '用户资料（user_metadata）不能超过 16 KB / User metadata must not exceed 16 KB';
  end if;
  if octet_length(coalesce(new.raw_app_meta_data, '{}'::jsonb)::text) > 16384 then
    raise exception using errcode = 'CGA02', message = 'app_metadata_too_large',
      hint = '应用资料（app_metadata）不能超过 16 KB / App metadata must not exceed 16 KB';
  end if;
  return new;
end;
$$;

comment on function private.check_auth_user_metadata_size() is
  'Refuses user_metadata or app_metadata over 16 KB: both travel in every access token.';
revoke execute on function private.check_auth_user_metadata_size() from public, anon, authenticated;
-- end routine

create trigger check_metadata_size
before insert or update of raw_user_meta_data, raw_app_meta_data on auth.users
for each row execute function private.check_auth_user_metadata_size();
