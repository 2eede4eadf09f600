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
