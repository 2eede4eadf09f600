-- Claiming invitations: when someone signs up with (or confirms) an invited phone number or
-- e-mail address, a trigger on auth.users turns the pending invitations into memberships. It runs
-- the same on hosted Supabase: GoTrue inserts into auth.users and, with auto-confirm, confirms the
-- address in the same transaction; with confirmations on, the update trigger claims on confirmation.

-- Turns the pending, unexpired invitations addressed to this person into memberships. An
-- invitation counts only while its inviter may still grant that role at that unit, and never
-- for the inviter themself.
-- security definer: it runs inside the auth server's write to auth.users (whose role may not
-- write public tables) and for users who may not write memberships themselves.
create function private.claim_invitations(p_user_id uuid, p_email text, p_phone text) returns int
language plpgsql security definer set search_path = '' as $$
declare
  v_email text := lower(nullif(btrim(p_email), ''));
  v_phone text := private.canonical_phone(p_phone);
  claimed int;
begin
  if v_email is null and v_phone is null then
    return 0;
  end if;
  update public.invitations set status = 'expired'
   where status = 'pending' and expires_at <= now() and (email = v_email or phone = v_phone);
  with claimable as (
    select i.id, i.org_unit_id, i.role_key, i.invited_by
      from public.invitations i
     where i.status = 'pending' and i.expires_at > now()
       and (i.email = v_email or i.phone = v_phone)
       and i.invited_by is distinct from p_user_id
       and private.administers(i.invited_by, i.org_unit_id, i.role_key)
       for update
  ), granted as (
    insert into public.memberships (user_id, org_unit_id, role_key, created_by)
    select p_user_id, c.org_unit_id, c.role_key, c.invited_by from claimable c
    on conflict (user_id, org_unit_id, role_key) do nothing
  )
  update public.invitations i set status = 'claimed', claimed_by = p_user_id, claimed_at = now()
    from claimable c
   where i.id = c.id;
  get diagnostics claimed = row_count;
  return claimed;
end;
$$;

-- Only confirmed addresses claim: with confirmations on (hosted), an address someone merely typed
-- at sign-up must not collect the invitation; the update trigger claims once it is confirmed.
-- security definer: runs inside the auth server's insert or update of auth.users.
create function private.handle_invited_user() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.claim_invitations(
    new.id,
    case when new.email_confirmed_at is not null then new.email end,
    case when new.phone_confirmed_at is not null then new.phone end
  );
  return null;
end;
$$;

create trigger on_auth_user_created_claim_invitations
after insert on auth.users
for each row execute function private.handle_invited_user();

create trigger on_auth_user_confirmed_claim_invitations
after update of email_confirmed_at, phone_confirmed_at on auth.users
for each row
when ((old.email_confirmed_at is null and new.email_confirmed_at is not null)
   or (old.phone_confirmed_at is null and new.phone_confirmed_at is not null))
execute function private.handle_invited_user();

-- For people who already had an account when they were invited (e.g. staff moving to another
-- community): claims what is addressed to their own confirmed e-mail or phone.
-- security definer: reads the caller's confirmed addresses from auth.users, which they cannot read.
create function private.claim_my_invitations() returns int
language sql security definer set search_path = '' as $$
  select coalesce((
    select private.claim_invitations(u.id,
             case when u.email_confirmed_at is not null then u.email end,
             case when u.phone_confirmed_at is not null then u.phone end)
      from auth.users u
     where u.id = (select auth.uid())
  ), 0)
$$;

create function public.claim_my_invitations() returns int
language sql security invoker set search_path = '' as $$
  select private.claim_my_invitations()
$$;

revoke execute on function public.claim_my_invitations() from public, anon;
grant execute on function public.claim_my_invitations() to authenticated, service_role;
revoke execute on function private.claim_invitations(uuid, text, text), private.handle_invited_user(), private.claim_my_invitations() from public, anon, authenticated;
grant execute on function private.claim_my_invitations() to authenticated;
