-- Copies the verified contact details into the profile.
-- security definer: runs inside GoTrue's update of auth.users (role supabase_auth_admin on
-- hosted), which cannot write public tables; fixed search_path, in private, as hosted requires
-- of functions that triggers on auth tables call.
create or replace function private.sync_profile_contact() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  update public.profiles
     set email = new.email, phone = new.phone
   where id = new.id and (email, phone) is distinct from (new.email, new.phone);
  return null;
end;
$$;

revoke execute on function private.sync_profile_contact() from public, anon, authenticated, service_role;
