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
