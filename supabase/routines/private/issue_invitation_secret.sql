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
