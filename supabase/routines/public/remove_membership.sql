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
