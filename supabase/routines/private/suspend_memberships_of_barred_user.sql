-- Ban (banned_until set in the future) and soft delete (deleted_at set) suspend every active
-- membership of the user. GoTrue writes both as UPDATEs of auth.users.
-- security definer: runs inside GoTrue's update (role supabase_auth_admin), which cannot write
-- public.memberships; the memberships' audit trigger records each suspension.
create or replace function private.suspend_memberships_of_barred_user() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.deleted_at is not null or (new.banned_until is not null and new.banned_until > now()) then
    update public.memberships set status = 'suspended' where user_id = new.id and status = 'active';
  end if;
  return null;
end;
$$;

revoke execute on function private.suspend_memberships_of_barred_user() from public, anon, authenticated;
