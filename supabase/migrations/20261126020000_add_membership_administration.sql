-- Membership administration: community and system administrators manage who holds which role at
-- which unit inside their own subtree, and the custom roles their unit defines. RLS is the guard;
-- the RPCs below only turn "no row matched" into a refusal the UI can show.
-- Rules: only a system administrator grants or manages system_admin; nobody writes their own
-- memberships (no raising one's own privileges); presets and roles in use cannot be changed away.

alter table public.roles
  add column owner_org_unit_id uuid references public.org_units (id) on delete restrict,
  add constraint roles_presets_have_no_owner check (is_preset = (owner_org_unit_id is null));
comment on column public.roles.owner_org_unit_id is 'Unit whose administrators defined this custom role; null for presets. Assignable at that unit and below.';
create index roles_owner_org_unit_id_idx on public.roles (owner_org_unit_id);
-- Custom roles get a stable machine key unless the administrator chooses one.
alter table public.roles alter column key set default 'custom_' || substr(md5(gen_random_uuid()::text), 1, 10);

alter table public.memberships alter column created_by set default auth.uid();

-- private.administers is created earlier, in 20261126010100_create_services.sql, before private.can_administer_unit,
-- whose body calls it: supabase/routines/private/administers.sql.

-- routine: supabase/routines/private/my_admin_unit_paths.sql
-- Paths of the units where the current user is an active administrator: read policies take
-- them once per query instead of calling administers() per row.
-- security definer: reads memberships without recursing into their policies.
create or replace function private.my_admin_unit_paths() returns text[]
language sql stable security definer set search_path = '' as $$
  select coalesce(array_agg(u.path), '{}')
    from public.memberships m
    join public.org_units u on u.id = m.org_unit_id
   where m.user_id = (select auth.uid()) and m.status = 'active' and m.role_key in ('community_admin', 'system_admin')
$$;
-- end routine

-- routine: supabase/routines/private/is_system_admin.sql
-- security definer: reads memberships without recursing into their policies.
create or replace function private.is_system_admin() returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.memberships m
     where m.user_id = (select auth.uid()) and m.status = 'active' and m.role_key = 'system_admin'
  )
$$;
-- end routine

-- routine: supabase/routines/private/path_within.sql
create or replace function private.path_within(p_path text, p_roots text[]) returns boolean
language sql immutable set search_path = '' as $$
  select exists (select 1 from unnest(p_roots) r where p_path = r or p_path like r || '.%')
$$;
-- end routine

-- routine: supabase/routines/private/role_assignable_at.sql
-- A preset may be held anywhere; a custom role only at its owner unit and below.
create or replace function private.role_assignable_at(p_role_key text, p_org_unit_id uuid) returns boolean
language sql stable security invoker set search_path = '' as $$
  select exists (
    select 1
      from public.roles r
      join public.org_units target on target.id = p_org_unit_id
      left join public.org_units owner on owner.id = r.owner_org_unit_id
     where r.key = p_role_key
       and (r.owner_org_unit_id is null or target.path = owner.path or target.path like owner.path || '.%')
  )
$$;
-- end routine

-- Users write only what the policies judge: no created_by (it defaults to the caller), and
-- after creation only the status. Changing a role is removing one membership and adding another.
revoke insert, update, delete on public.memberships from anon;
revoke insert, update on public.memberships from authenticated;
grant insert (user_id, org_unit_id, role_key, status) on public.memberships to authenticated;
grant update (status) on public.memberships to authenticated;

create policy "Administrators can add memberships of other people within their scope"
on public.memberships for insert to authenticated
with check (
  user_id <> (select auth.uid())
  and private.administers((select auth.uid()), org_unit_id, role_key)
  and private.role_assignable_at(role_key, org_unit_id)
);

create policy "Administrators can suspend and reactivate memberships of other people within their scope"
on public.memberships for update to authenticated
using (user_id <> (select auth.uid()) and private.administers((select auth.uid()), org_unit_id, role_key))
with check (user_id <> (select auth.uid()) and private.administers((select auth.uid()), org_unit_id, role_key));

create policy "Administrators can remove memberships of other people within their scope"
on public.memberships for delete to authenticated
using (user_id <> (select auth.uid()) and private.administers((select auth.uid()), org_unit_id, role_key));

-- Custom roles: administrators define them for a unit in their scope; presets stay as shipped.
revoke insert, update, delete on public.roles from anon;
revoke insert, update on public.roles from authenticated;
grant insert (key, name, name_en, description, owner_org_unit_id, sort_order) on public.roles to authenticated;
grant update (name, name_en, description, sort_order) on public.roles to authenticated;

create policy "Administrators can create custom roles for units within their scope"
on public.roles for insert to authenticated
with check (not is_preset and owner_org_unit_id is not null and private.administers((select auth.uid()), owner_org_unit_id));

create policy "Administrators can rename custom roles of units within their scope"
on public.roles for update to authenticated
using (not is_preset and private.administers((select auth.uid()), owner_org_unit_id))
with check (not is_preset and private.administers((select auth.uid()), owner_org_unit_id));

create policy "Administrators can delete custom roles of units within their scope"
on public.roles for delete to authenticated
using (not is_preset and private.administers((select auth.uid()), owner_org_unit_id));

-- routine: supabase/routines/private/refuse_deleting_held_role.sql
-- A role somebody holds (even suspended) cannot be deleted. The foreign key from memberships
-- refuses as well; this says why.
create or replace function private.refuse_deleting_held_role() returns trigger
language plpgsql set search_path = '' as $$
begin
  if exists (select 1 from public.memberships m where m.role_key = old.key) then
    raise exception using errcode = 'CGR01', message = 'role_in_use',
      hint = '该角色仍有成员或待接受的邀请，不能删除 / The role is still held or invited to; it cannot be deleted';
  end if;
  return old;
end;
$$;
-- end routine

create trigger roles_refuse_deleting_held_role
before delete on public.roles
for each row execute function private.refuse_deleting_held_role();

-- Members as administrators list them: one row per membership with the person, unit and role.
-- security_invoker: every underlying policy applies to the caller, so the view shows exactly
-- the memberships (and profiles) the caller may read.
create view public.members with (security_invoker = true) as
select m.id, m.user_id, p.display_name, p.email, p.phone,
       m.org_unit_id, u.name as org_unit_name, u.code as org_unit_code, u.level as org_unit_level, u.path as org_unit_path,
       m.role_key, r.name as role_name, r.name_en as role_name_en,
       m.status, m.created_at
  from public.memberships m
  join public.org_units u on u.id = m.org_unit_id
  join public.roles r on r.key = m.role_key
  left join public.profiles p on p.id = m.user_id;
comment on view public.members is 'Memberships with person, unit and role, as the caller may read them (security invoker).';
revoke all on public.members from anon;
revoke insert, update, delete, truncate on public.members from authenticated;

-- routine: supabase/routines/public/set_membership_status.sql
-- Suspends or reactivates a membership; takes effect on the person's very next request, since
-- every scope helper reads the status per query.
create or replace function public.set_membership_status(p_membership_id uuid, p_status text) returns public.memberships
language plpgsql security invoker set search_path = '' as $$
declare
  changed public.memberships;
begin
  update public.memberships set status = p_status where id = p_membership_id returning * into changed;
  if changed.id is null then
    raise exception using errcode = '42501', message = 'membership_not_manageable',
      hint = '您不能管理这条成员身份 / You cannot manage this membership';
  end if;
  return changed;
end;
$$;
-- end routine

-- routine: supabase/routines/public/remove_membership.sql
create or replace function public.remove_membership(p_membership_id uuid) returns public.memberships
language plpgsql security invoker set search_path = '' as $$
declare
  removed public.memberships;
begin
  delete from public.memberships where id = p_membership_id returning * into removed;
  if removed.id is null then
    raise exception using errcode = '42501', message = 'membership_not_manageable',
      hint = '您不能管理这条成员身份 / You cannot manage this membership';
  end if;
  return removed;
end;
$$;
-- end routine

revoke execute on function public.set_membership_status(uuid, text), public.remove_membership(uuid) from public, anon;
grant execute on function public.set_membership_status(uuid, text), public.remove_membership(uuid) to authenticated, service_role;
revoke execute on function private.administers(uuid, uuid, text), private.my_admin_unit_paths(), private.is_system_admin(),
  private.path_within(text, text[]), private.role_assignable_at(text, uuid) from public, anon;
grant execute on function private.administers(uuid, uuid, text), private.my_admin_unit_paths(), private.is_system_admin(),
  private.path_within(text, text[]), private.role_assignable_at(text, uuid) to authenticated, service_role;
