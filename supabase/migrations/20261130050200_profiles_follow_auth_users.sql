-- Profiles: a user changes only their own display name; phone and e-mail follow auth.users; every
-- profile change is audited (issue #7, item 6).
--
-- Before this, the update policy let a grid worker set their profile's name, phone and e-mail
-- to the administrator's, and the members list showed the forgery. Phone and e-mail are
-- identities the auth server verifies (sign-in, recovery, invitations), so the profile only
-- mirrors them: a trigger on auth.users copies them whenever GoTrue (or an administrator through
-- the auth admin API) changes them, and API roles cannot write those columns at all.

-- Only display_name is writable by users (20261130010000 grants the same; stated here as well
-- because this migration's rule depends on it).
revoke update on public.profiles from authenticated;
grant update (display_name) on public.profiles to authenticated;

-- routine: supabase/routines/private/profiles_before_update.sql
-- A display name is trimmed, not blank (zero-width characters are blank), at most 60
-- characters; updated_at moves only when something changed.
create or replace function private.profiles_before_update() returns trigger
language plpgsql set search_path = '' as $$
begin
  if new.display_name is distinct from old.display_name then
    new.display_name := coalesce(private.free_text(new.display_name, 60, '姓名', 'display name'), '');
    if new.display_name = '' then
      perform private.raise_record_error('PT400', 'display_name_required', '请填写姓名 / Enter a display name');
    end if;
  end if;
  new.created_at := old.created_at;
  if (new.display_name, new.email, new.phone) is not distinct from (old.display_name, old.email, old.phone) then
    new.updated_at := old.updated_at;
  else
    new.updated_at := now();
  end if;
  return new;
end;
$$;
-- end routine

create trigger profiles_before_update
before update on public.profiles
for each row execute function private.profiles_before_update();

-- routine: supabase/routines/private/sync_profile_contact.sql
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
-- end routine

create trigger on_auth_user_contact_changed
after update of email, phone on auth.users
for each row execute function private.sync_profile_contact();

-- Bring existing profiles in line once.
update public.profiles p
   set email = u.email, phone = u.phone
  from auth.users u
 where u.id = p.id and (p.email, p.phone) is distinct from (u.email, u.phone);

-- Audit: every change of a profile (by its owner, by the sync above, by the service role).
-- Profiles belong to no unit, so audit_log.org_unit_id stays null; the policy below lets an
-- administrator read the profile changes of everyone who holds a membership in their scope.
create trigger profiles_audit
after update on public.profiles
for each row execute function private.audit_config_change('id', 'org_unit_id');

-- routine: supabase/routines/private/is_member_in_my_admin_scope.sql
-- Does the user (audit_log.row_id, text) hold a membership (any status) at a unit the caller
-- administers? Takes text: the policy must not cast other tables' row ids (role keys) to uuid.
-- security definer: reads memberships without recursing into their policies.
create or replace function private.is_member_in_my_admin_scope(p_user_id text) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.memberships m join public.org_units u on u.id = m.org_unit_id
     where m.user_id::text = p_user_id and private.path_within(u.path, private.my_admin_unit_paths())
  )
$$;

revoke execute on function private.is_member_in_my_admin_scope(text) from public, anon;
grant execute on function private.is_member_in_my_admin_scope(text) to authenticated, service_role;
-- end routine

create policy "Administrators can read profile changes of their members"
on public.audit_log for select to authenticated
using (table_name = 'profiles' and private.is_member_in_my_admin_scope(row_id));
