-- One home for how long a link is valid: new invitations and re-issued links alike.
create or replace function private.invitation_expiry() returns timestamptz
language sql stable set search_path = '' as $$
  select now() + interval '14 days'
$$;
