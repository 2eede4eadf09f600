-- Invitations: how staff are onboarded without any secret key in the browser. An administrator
-- invites a phone number or e-mail address to a role at a unit in their scope; when that person
-- signs up (or confirms the address), a trigger on auth.users turns the invitation into a
-- membership (next migration, 20261126020110_claim_invitations_at_sign_up.sql).

-- routine: supabase/routines/private/canonical_phone.sql
-- One phone canonicalisation for what a person types, shared with the SPA's canonicalPhone
-- (src/lib/domain/phone.ts); tests/shared/phone-canonical.json holds the corpus both must agree on.
-- The result is GoTrue's stored form: E.164 digits without "+". A bare 11-digit number starting
-- with 1 is a mainland mobile (+86); any other country needs "+" or "00". NFKC-normalised first,
-- so digits and "+" typed with a Chinese IME in full width (１３８…, ＋８６…) count.
--
-- Never apply it to auth.users.phone: that is already E.164 and "13939257541" stored there is the
-- US number +1 393 925 7541, which this function would read as +86 139 3925 7541.
create or replace function private.canonical_phone(p_phone text) returns text
language sql immutable set search_path = '' as $$
  with cleaned as (select regexp_replace(btrim(normalize(p_phone, nfkc)), '[\s()-]', '', 'g') as d),
  prefixed as (
    select case when d like '+%' then substr(d, 2)
                when d like '00%' then substr(d, 3)
                when d ~ '^1[0-9]{10}$' then '86' || d
                else d end as d
      from cleaned
  )
  select d from prefixed where d ~ '^[1-9][0-9]{6,14}$'
$$;

comment on function private.canonical_phone(text) is
  'A typed phone number as E.164 digits without "+" (+86 default for 11-digit mobiles), or null. Not for auth.users.phone.';
-- end routine

create table public.invitations (
  id uuid primary key default gen_random_uuid(),
  email text check (email = lower(email) and length(email) <= 255 and email ~ '^[^\s@]+@[^\s@]+\.[^\s@]+$'),
  phone text check (phone ~ '^[1-9][0-9]{6,14}$'),
  org_unit_id uuid not null references public.org_units (id) on delete restrict,
  -- Deleting a custom role takes its closed invitations with it (the audit log keeps them);
  -- a pending one blocks the deletion (trigger below).
  role_key text not null references public.roles (key) on update cascade on delete cascade,
  invited_by uuid default auth.uid() references auth.users (id) on delete set null,
  status text not null default 'pending' check (status in ('pending', 'claimed', 'revoked', 'expired')),
  expires_at timestamptz not null default now() + interval '14 days',
  claimed_by uuid references auth.users (id) on delete set null,
  claimed_at timestamptz,
  created_at timestamptz not null default now(),
  constraint invitations_one_contact check (num_nonnulls(email, phone) = 1),
  constraint invitations_claimed_at_iff_claimed check ((status = 'claimed') = (claimed_at is not null))
);
comment on table public.invitations is 'A role at a unit offered to a phone number or e-mail address; claimed by a trigger on auth.users at sign-up.';
create unique index invitations_pending_once_idx on public.invitations (coalesce(email, phone), org_unit_id, role_key) where status = 'pending';
create index invitations_pending_email_idx on public.invitations (email) where status = 'pending';
create index invitations_pending_phone_idx on public.invitations (phone) where status = 'pending';
create index invitations_org_unit_id_idx on public.invitations (org_unit_id);

-- routine: supabase/routines/private/invitations_prepare.sql
-- Stores the contact as sign-up will (so the claim is an equality test) and lets a lapsed
-- invitation to the same person, unit and role make room for a new one.
create or replace function private.invitations_prepare() returns trigger
language plpgsql set search_path = '' as $$
begin
  new.email := lower(nullif(btrim(new.email), ''));
  if nullif(btrim(new.phone), '') is not null then
    new.phone := private.canonical_phone(new.phone);
    if new.phone is null then
      raise exception using errcode = 'CGI02', message = 'invitation_contact_invalid',
        hint = '请输入有效的手机号或邮箱 / Enter a valid phone number or e-mail address';
    end if;
  else
    new.phone := null;
  end if;
  update public.invitations i set status = 'expired'
   where i.status = 'pending' and i.expires_at <= now()
     and i.org_unit_id = new.org_unit_id and i.role_key = new.role_key
     and coalesce(i.email, i.phone) = coalesce(new.email, new.phone);
  return new;
end;
$$;
-- end routine

create trigger invitations_prepare
before insert on public.invitations
for each row execute function private.invitations_prepare();

-- routine: supabase/routines/private/invitations_guard_status.sql
-- Only a pending invitation changes state, and it expires only once its time has passed.
-- (Claiming needs claimed_at, which no API role may write.)
create or replace function private.invitations_guard_status() returns trigger
language plpgsql set search_path = '' as $$
begin
  if new.status is distinct from old.status
     and (old.status <> 'pending' or (new.status = 'expired' and old.expires_at > now())) then
    raise exception using errcode = 'CGI01', message = 'invitation_not_pending',
      hint = '邀请已被接受、撤销或已过期 / The invitation was already claimed, revoked or has expired';
  end if;
  return new;
end;
$$;
-- end routine

create trigger invitations_guard_status
before update on public.invitations
for each row execute function private.invitations_guard_status();

alter table public.invitations enable row level security;
revoke all on public.invitations from anon;
revoke insert, update, delete, truncate on public.invitations from authenticated;
grant insert (email, phone, org_unit_id, role_key) on public.invitations to authenticated;
grant update (status) on public.invitations to authenticated;

create policy "Administrators can read invitations to units within their scope"
on public.invitations for select to authenticated
using (exists (
  select 1 from public.org_units u
   where u.id = invitations.org_unit_id and private.path_within(u.path, (select private.my_admin_unit_paths()))
));

create policy "Administrators can invite people to roles they may grant within their scope"
on public.invitations for insert to authenticated
with check (
  invited_by = (select auth.uid())
  and private.administers((select auth.uid()), org_unit_id, role_key)
  and private.role_assignable_at(role_key, org_unit_id)
);

create policy "Administrators can revoke invitations to roles they may grant within their scope"
on public.invitations for update to authenticated
using (private.administers((select auth.uid()), org_unit_id, role_key))
with check (private.administers((select auth.uid()), org_unit_id, role_key));

-- routine: supabase/routines/public/revoke_invitation.sql
create or replace function public.revoke_invitation(p_invitation_id uuid) returns public.invitations
language plpgsql security invoker set search_path = '' as $$
declare
  revoked public.invitations;
begin
  update public.invitations set status = 'revoked' where id = p_invitation_id and status = 'pending' returning * into revoked;
  if revoked.id is not null then
    return revoked;
  end if;
  if exists (select 1 from public.invitations where id = p_invitation_id and status <> 'pending') then
    raise exception using errcode = 'CGI01', message = 'invitation_not_pending',
      hint = '邀请已被接受、撤销或已过期 / The invitation was already claimed, revoked or has expired';
  end if;
  raise exception using errcode = '42501', message = 'invitation_not_manageable',
    hint = '您不能撤销这条邀请 / You cannot revoke this invitation';
end;
$$;

revoke execute on function public.revoke_invitation(uuid) from public, anon;
grant execute on function public.revoke_invitation(uuid) to authenticated, service_role;
-- end routine

-- routine: supabase/routines/private/refuse_deleting_invited_role.sql
-- A custom role with a pending invitation is about to be held: it cannot be deleted.
create or replace function private.refuse_deleting_invited_role() returns trigger
language plpgsql set search_path = '' as $$
begin
  if exists (select 1 from public.invitations i where i.role_key = old.key and i.status = 'pending' and i.expires_at > now()) then
    raise exception using errcode = 'CGR01', message = 'role_in_use',
      hint = '该角色仍有成员或待接受的邀请，不能删除 / The role is still held or invited to; it cannot be deleted';
  end if;
  return old;
end;
$$;
-- end routine

create trigger roles_refuse_deleting_invited_role
before delete on public.roles
for each row execute function private.refuse_deleting_invited_role();
