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
