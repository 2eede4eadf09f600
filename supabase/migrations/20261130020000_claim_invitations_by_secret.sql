-- Invitations are claimed with the one-time secret of their link (/join?token=…), never by an
-- address match (issue #7). Until now a trigger on auth.users handed a pending invitation to
-- whoever first signed up with the invited phone or e-mail, including a different number that
-- the phone canonicalisation mapped onto it (`+1 3939257541` → 8613939257541). The address stays
-- on the invitation as a label for the administrator ("for whom"); it grants nothing.
--
-- The secret: 256 random bits, shown once to the inviting administrator (create_invitation,
-- reissue_invitation), stored only as its SHA-256 in private.invitation_secrets, which no API
-- role can read. claim_invitation(token) checks it and grants the membership;
-- invitation_preview(token) tells the invitee, signed in or not, who invites them to what.

-- 1. No more claims by address. Dropping the trigger function with CASCADE takes its two
-- triggers on auth.users with it: only the function's owner is checked, which works both on
-- hosted Supabase and locally, where `postgres` does not own auth.users.
drop function public.claim_my_invitations();
drop function private.claim_my_invitations();
drop function private.handle_invited_user() cascade;
drop function private.claim_invitations(uuid, text, text);
drop index public.invitations_pending_email_idx, public.invitations_pending_phone_idx;

-- 2. The address becomes an optional label.
alter table public.invitations
  drop constraint invitations_one_contact,
  add constraint invitations_at_most_one_contact check (num_nonnulls(email, phone) <= 1);
comment on table public.invitations is 'A role at a unit offered through a one-time link; claimed with the link''s secret (claim_invitation). The phone or e-mail only labels whom it is meant for.';
comment on column public.invitations.email is 'Whom the invitation is meant for, as the administrator typed it; a label only, it grants nothing.';
comment on column public.invitations.phone is 'Whom the invitation is meant for (canonical digits); a label only, it grants nothing.';

-- routine: supabase/routines/private/invitation_expiry.sql
-- One home for how long a link is valid: new invitations and re-issued links alike.
create or replace function private.invitation_expiry() returns timestamptz
language sql stable set search_path = '' as $$
  select now() + interval '14 days'
$$;
-- end routine
alter table public.invitations alter column expires_at set default private.invitation_expiry();

-- 3. The secrets, hashed, where no API role reaches.
create table private.invitation_secrets (
  invitation_id uuid primary key references public.invitations (id) on delete cascade,
  token_hash bytea not null unique check (length(token_hash) = 32),
  issued_at timestamptz not null default now()
);
comment on table private.invitation_secrets is 'SHA-256 of the current link secret of each invitation (the secret itself is never stored). Re-issuing replaces it, so the old link stops working. Read and written only by the security-definer functions of migration 20261130020000.';
alter table private.invitation_secrets enable row level security;
revoke all on private.invitation_secrets from public, anon, authenticated, service_role;

-- routine: supabase/routines/private/new_invitation_token.sql
-- 256 bits from pgcrypto (in `extensions`, as on hosted Supabase), URL-safe base64: 43 characters.
create or replace function private.new_invitation_token() returns text
language sql volatile set search_path = '' as $$
  select translate(encode(extensions.gen_random_bytes(32), 'base64'), '+/=', '-_')
$$;
-- end routine

-- routine: supabase/routines/private/invitation_token_hash.sql
create or replace function private.invitation_token_hash(p_token text) returns bytea
language sql immutable set search_path = '' as $$
  select sha256(convert_to(coalesce(p_token, ''), 'UTF8'))
$$;
-- end routine

-- routine: supabase/routines/private/invitation_state.sql
-- Whether this invitation can be claimed now, by `p_claimant` (null: by whoever signs in), and if
-- not, why. Preview and claim ask the same question (both security definer, so this reads as they do).
create or replace function private.invitation_state(p_invitation public.invitations, p_claimant uuid) returns text
language sql stable set search_path = '' as $$
  select case
    when p_invitation.status <> 'pending' then p_invitation.status
    when p_invitation.expires_at <= now() then 'expired'
    when p_invitation.invited_by is null
      or not private.administers(p_invitation.invited_by, p_invitation.org_unit_id, p_invitation.role_key)
      or not private.role_assignable_at(p_invitation.role_key, p_invitation.org_unit_id) then 'inviter_unable'
    when p_invitation.invited_by = p_claimant then 'own'
    else 'pending'
  end
$$;
-- end routine

-- routine: supabase/routines/private/issue_invitation_secret.sql
-- Gives a pending invitation a new secret (the previous link stops working) and returns the
-- invitation with the secret, the only time it is ever shown. `p_renew` also restarts the
-- validity, as re-sending does.
-- security definer: writes private.invitation_secrets, which no API role may touch, and renews
-- expires_at, which administrators may not write; it checks itself that the caller administers
-- the invitation (the same rule as the invitations update policy).
create or replace function private.issue_invitation_secret(p_invitation_id uuid, p_renew boolean) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  invitation public.invitations;
  token text := private.new_invitation_token();
begin
  select * into invitation from public.invitations where id = p_invitation_id for update;
  if invitation.id is null or not private.administers((select auth.uid()), invitation.org_unit_id, invitation.role_key) then
    raise exception using errcode = '42501', message = 'invitation_not_manageable',
      hint = '您不能管理这条邀请 / You cannot manage this invitation';
  end if;
  if invitation.status <> 'pending' or invitation.expires_at <= now() then
    raise exception using errcode = 'CGI01', message = 'invitation_not_pending',
      hint = '邀请已被接受、撤销或已过期 / The invitation was already claimed, revoked or has expired';
  end if;
  if p_renew then
    update public.invitations set expires_at = private.invitation_expiry() where id = invitation.id returning * into invitation;
  end if;
  insert into private.invitation_secrets (invitation_id, token_hash)
  values (invitation.id, private.invitation_token_hash(token))
  on conflict (invitation_id) do update set token_hash = excluded.token_hash, issued_at = now();
  return to_jsonb(invitation) || jsonb_build_object('token', token);
end;
$$;
-- end routine

-- routine: supabase/routines/public/create_invitation.sql
-- An administrator invites: the insert goes through the invitations policies as the caller
-- (who may invite whom, where, to what), then the new invitation gets its secret.
-- Returns the invitation and `token`, shown this once.
create or replace function public.create_invitation(p_org_unit_id uuid, p_role_key text, p_email text default null, p_phone text default null) returns jsonb
language plpgsql volatile security invoker set search_path = '' as $$
declare
  created_id uuid;
begin
  insert into public.invitations (org_unit_id, role_key, email, phone)
  values (p_org_unit_id, p_role_key, p_email, p_phone)
  returning id into created_id;
  return private.issue_invitation_secret(created_id, false);
end;
$$;
-- end routine

-- routine: supabase/routines/public/reissue_invitation.sql
-- Re-sends a pending invitation: a new link, valid for another 14 days; the old link stops working.
create or replace function public.reissue_invitation(p_invitation_id uuid) returns jsonb
language sql volatile security invoker set search_path = '' as $$
  select private.issue_invitation_secret(p_invitation_id, true)
$$;
-- end routine

-- routine: supabase/routines/private/invitation_preview.sql
-- What the join page shows for a link: for a claimable invitation who invites to which unit and
-- role, until when; otherwise only its state. Null for a token that matches nothing.
-- security definer: the invitee is signed out or holds nothing yet, so may read neither the
-- invitation nor its unit, role or inviter.
create or replace function private.invitation_preview(p_token text) returns jsonb
language sql stable security definer set search_path = '' as $$
  select case when v.state = 'pending' then jsonb_build_object(
           'status', v.state,
           'expires_at', i.expires_at,
           'inviter_name', inviter.display_name,
           'org_unit_name', u.name,
           'org_unit_level', u.level,
           'org_unit_path', (select jsonb_agg(a.name order by a.depth) from public.org_units a
                              where a.id::text = any (string_to_array(u.path, '.'))),
           'role_name', r.name,
           'role_name_en', r.name_en)
         else jsonb_build_object('status', v.state) end
    from private.invitation_secrets s
    join public.invitations i on i.id = s.invitation_id
    join public.org_units u on u.id = i.org_unit_id
    join public.roles r on r.key = i.role_key
    left join public.profiles inviter on inviter.id = i.invited_by
    cross join lateral (select private.invitation_state(i, (select auth.uid())) as state) v
   where s.token_hash = private.invitation_token_hash(p_token)
$$;
-- end routine

-- routine: supabase/routines/public/invitation_preview.sql
create or replace function public.invitation_preview(p_token text) returns jsonb
language sql stable security invoker set search_path = '' as $$
  select private.invitation_preview(p_token)
$$;
-- end routine

-- routine: supabase/routines/private/claim_invitation.sql
-- The signed-in invitee claims with the secret: the invitation's role at its unit becomes their
-- membership (granted by the inviter) and the invitation is closed, so the link works once.
-- security definer: the invitee can neither read the invitation nor write memberships; every
-- condition is checked here, under a row lock so that two claims cannot both succeed.
create or replace function private.claim_invitation(p_token text) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  claimant uuid := (select auth.uid());
  invitation public.invitations;
  membership_id uuid;
begin
  if claimant is null then
    raise exception using errcode = '42501', message = 'not_signed_in',
      hint = '请先登录 / Please sign in first';
  end if;
  select i.* into invitation
    from private.invitation_secrets s join public.invitations i on i.id = s.invitation_id
   where s.token_hash = private.invitation_token_hash(p_token)
     for update of i;
  if invitation.id is null then
    raise exception using errcode = 'CGI03', message = 'invitation_invalid',
      hint = '邀请链接无效，或已被新的链接取代 / This invitation link is not valid, or a newer link replaced it';
  end if;
  case private.invitation_state(invitation, claimant)
    when 'pending' then null;
    when 'claimed' then
      raise exception using errcode = 'CGI04', message = 'invitation_claimed',
        hint = '此邀请链接已被使用 / This invitation link has already been used';
    when 'revoked' then
      raise exception using errcode = 'CGI05', message = 'invitation_revoked',
        hint = '此邀请已被撤销 / This invitation was revoked';
    when 'expired' then
      raise exception using errcode = 'CGI06', message = 'invitation_expired',
        hint = '此邀请已过期，请联系管理员重新发送 / This invitation has expired; ask your administrator to send it again';
    when 'inviter_unable' then
      raise exception using errcode = 'CGI07', message = 'invitation_inviter_unable',
        hint = '邀请人已无权授予该角色，请联系管理员 / The inviter may no longer grant this role; ask your administrator';
    else
      raise exception using errcode = 'CGI08', message = 'invitation_own',
        hint = '不能接受自己发出的邀请 / You cannot accept an invitation you sent';
  end case;

  -- Someone who already holds the role there keeps their membership as it is (a suspended one
  -- stays suspended: an old link must not undo a later suspension).
  insert into public.memberships (user_id, org_unit_id, role_key, created_by)
  values (claimant, invitation.org_unit_id, invitation.role_key, invitation.invited_by)
  on conflict (user_id, org_unit_id, role_key) do nothing
  returning id into membership_id;
  if membership_id is null then
    select m.id into membership_id from public.memberships m
     where m.user_id = claimant and m.org_unit_id = invitation.org_unit_id and m.role_key = invitation.role_key;
  end if;
  update public.invitations set status = 'claimed', claimed_by = claimant, claimed_at = now() where id = invitation.id;
  return jsonb_build_object('membership_id', membership_id, 'org_unit_id', invitation.org_unit_id, 'role_key', invitation.role_key);
end;
$$;
-- end routine

-- routine: supabase/routines/public/claim_invitation.sql
create or replace function public.claim_invitation(p_token text) returns jsonb
language sql volatile security invoker set search_path = '' as $$
  select private.claim_invitation(p_token)
$$;
-- end routine

-- Table grants on public.invitations are unchanged (20261130010000_grant_api_privileges_explicitly).
revoke execute on function private.invitation_expiry(), private.new_invitation_token(), private.invitation_token_hash(text),
  private.invitation_state(public.invitations, uuid), private.issue_invitation_secret(uuid, boolean),
  private.invitation_preview(text), private.claim_invitation(text) from public, anon, authenticated, service_role;
-- The column default is evaluated as the inserting role.
grant execute on function private.invitation_expiry() to authenticated, service_role;
grant execute on function private.issue_invitation_secret(uuid, boolean), private.claim_invitation(text) to authenticated;
grant execute on function private.invitation_preview(text) to anon, authenticated;

revoke execute on function public.create_invitation(uuid, text, text, text), public.reissue_invitation(uuid),
  public.claim_invitation(text), public.invitation_preview(text) from public, anon;
grant execute on function public.create_invitation(uuid, text, text, text), public.reissue_invitation(uuid),
  public.claim_invitation(text) to authenticated;
-- The join page calls it before the invitee has an account.
grant execute on function public.invitation_preview(text) to anon, authenticated;
