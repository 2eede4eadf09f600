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
