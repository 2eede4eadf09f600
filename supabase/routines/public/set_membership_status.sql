-- Suspends or reactivates a membership; takes effect on the person's very next request, since
-- every scope helper reads the status per query.
create or replace function public.set_membership_status(p_membership_id uuid, p_status text) returns public.memberships
language plpgsql security invoker set search_path = '' as $$
declare
  changed public.memberships;
begin
  update public.memberships set status = p_status where id = p_membership_id returning * into changed;
  if changed.id is null then
    raise exception using errcode = '42501', message = 'membership_not_manageable',
      hint = '您不能管理这条成员身份 / You cannot manage this membership';
  end if;
  return changed;
end;
$$;
