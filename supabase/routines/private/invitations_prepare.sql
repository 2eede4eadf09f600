-- Stores the contact as sign-up will (so the claim is an equality test) and lets a lapsed
-- invitation to the same person, unit and role make room for a new one.
create or replace function private.invitations_prepare() returns trigger
language plpgsql set search_path = '' as $$
begin
  new.email := lower(nullif(btrim(new.email), ''));
  if nullif(btrim(new.phone), '') is not null then
    new.phone := private.canonical_phone(new.phone);
    if new.phone is null then
      raise exception using errcode = 'CGI02', message = 'invitation_contact_invalid',
        hint = '请输入有效的手机号或邮箱 / Enter a valid phone number or e-mail address';
    end if;
  else
    new.phone := null;
  end if;
  update public.invitations i set status = 'expired'
   where i.status = 'pending' and i.expires_at <= now()
     and i.org_unit_id = new.org_unit_id and i.role_key = new.role_key
     and coalesce(i.email, i.phone) = coalesce(new.email, new.phone);
  return new;
end;
$$;
