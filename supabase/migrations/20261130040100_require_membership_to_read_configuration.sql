-- An account holds nothing until it belongs (issue 7, DESIGN §6). Sign-up is open, so a
-- stranger's fresh account used to read the whole org tree, every service definition, draft and
-- grant, and the role catalogue. Now configuration is read only by a user with at least one
-- active membership (at any unit: the tree, the services and the catalogue are shared by every
-- unit, and scoping them finer is the records' job). A user's own profile and memberships stay
-- readable, so the SPA can tell a member from an account that must first claim an invitation;
-- invitations are claimed through their secret, which needs no configuration read.
-- app_settings (installation switches such as demo_mode and the storage quota) stay readable.

-- routine: supabase/routines/private/has_active_membership.sql
-- Does the caller hold at least one active membership? Wrapped as (select …) in policies so it
-- runs once per query; the partial index memberships_user_id_idx (where status = 'active')
-- answers it.
-- security definer: reads memberships without depending on their read policies.
create or replace function private.has_active_membership() returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from public.memberships m where m.user_id = (select auth.uid()) and m.status = 'active')
$$;

revoke execute on function private.has_active_membership() from public, anon;
grant execute on function private.has_active_membership() to authenticated, service_role;
-- anon too: the restrictive policies on storage.objects (20261130040200) hold for anon callers
-- as well, and Postgres checks EXECUTE on every function a policy calls.
grant execute on function private.has_active_membership() to anon;
-- end routine

drop policy "Signed-in users can read the org tree" on public.org_units;
create policy "Members can read the org tree"
on public.org_units for select to authenticated
using ((select private.has_active_membership()));

drop policy "Signed-in users can read the role catalogue" on public.roles;
create policy "Members can read the role catalogue"
on public.roles for select to authenticated
using ((select private.has_active_membership()));

drop policy "Signed-in users can read services" on public.services;
create policy "Members can read services"
on public.services for select to authenticated
using ((select private.has_active_membership()));

drop policy "Signed-in users can read published service versions" on public.service_versions;
create policy "Members can read published service versions"
on public.service_versions for select to authenticated
using ((select private.has_active_membership()));

drop policy "Signed-in users can read service role grants" on public.service_role_grants;
create policy "Members can read service role grants"
on public.service_role_grants for select to authenticated
using ((select private.has_active_membership()));

-- The log of one's own unmaskings is part of the work, not of the person: it goes with the
-- memberships (administrators of the unit keep reading it).
drop policy "Users can read their own unmasking entries" on public.sensitive_access_log;
create policy "Members can read their own unmasking entries"
on public.sensitive_access_log for select to authenticated
using (actor = (select auth.uid()) and (select private.has_active_membership()));
