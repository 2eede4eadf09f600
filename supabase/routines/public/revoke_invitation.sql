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
