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
