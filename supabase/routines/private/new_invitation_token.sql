-- 256 bits from pgcrypto (in `extensions`, as on hosted Supabase), URL-safe base64: 43 characters.
create or replace function private.new_invitation_token() returns text
language sql volatile set search_path = '' as $$
  select translate(encode(extensions.gen_random_bytes(32), 'base64'), '+/=', '-_')
$$;
