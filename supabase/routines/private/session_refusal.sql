-- Why the caller's session may not be used any more, or null when it may. Reads only the claims.
-- security definer: API roles hold no privileges on auth.sessions or auth.users.
create or replace function private.session_refusal() returns text
language plpgsql stable security definer set search_path = '' as $$
declare
  claims jsonb := nullif(current_setting('request.jwt.claims', true), '')::jsonb;
  session_text text := claims ->> 'session_id';
  user_text text := claims ->> 'sub';
  uuid_pattern constant text := '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
  session_row record;
begin
  if claims is null or claims ->> 'role' is distinct from 'authenticated' then
    return null;
  end if;
  if user_text is null or user_text !~ uuid_pattern then
    return 'user_deleted';
  end if;
  if session_text is null or session_text !~ uuid_pattern then
    return 'session_revoked';
  end if;
  select s.not_after, u.banned_until, u.deleted_at into session_row
    from auth.sessions s
    join auth.users u on u.id = s.user_id
   where s.id = session_text::uuid and s.user_id = user_text::uuid;
  if not found then
    -- The session is gone; say whether the account went with it (a hard delete cascades).
    if not exists (select 1 from auth.users u where u.id = user_text::uuid and u.deleted_at is null) then
      return 'user_deleted';
    end if;
    return 'session_revoked';
  end if;
  if session_row.deleted_at is not null then
    return 'user_deleted';
  end if;
  if session_row.banned_until is not null and session_row.banned_until > now() then
    return 'user_banned';
  end if;
  if session_row.not_after is not null and session_row.not_after <= now() then
    return 'session_revoked';
  end if;
  return null;
end;
$$;

comment on function private.session_refusal() is 'Null when the JWT in request.jwt.claims may still be used; else session_revoked, user_banned or user_deleted. Only role=authenticated tokens are checked.';
