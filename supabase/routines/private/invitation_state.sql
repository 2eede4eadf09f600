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
