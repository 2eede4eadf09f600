create or replace function private.invitation_token_hash(p_token text) returns bytea
language sql immutable set search_path = '' as $$
  select sha256(convert_to(coalesce(p_token, ''), 'UTF8'))
$$;
