-- Revocation on the next request (issue 7, DESIGN §6). An access token is a signed promise that
-- stays valid until it expires (up to an hour): PostgREST and Storage never look at
-- auth.sessions. So the database looks, on every Data API request, before the query runs:
--   * the token's session (claim session_id) must still exist in auth.sessions and not be past
--     not_after — a logout of any scope deletes the row, as does a password change for the
--     other sessions;
--   * its user must exist, not be banned (banned_until in the future) and not be soft-deleted.
-- PostgREST calls private.check_request() as its db-pre-request, as the request's role, after
-- publishing the claims; a refusal is errcode PT401, which PostgREST answers as HTTP 401 (the SPA
-- treats 401 as "sign in again"). Only tokens whose role is `authenticated` are checked: anon
-- and service_role tokens name no user. Hosted Supabase supports db_pre_request the same way,
-- as a setting on the authenticator role (docs: "Securing your API"); it covers the Data API
-- only, so storage.objects' policies call private.session_refusal() too (next migration), and
-- the local Storage gateway calls check_request() before every operation.
--
-- Cost: one primary-key lookup on auth.sessions joined to one on auth.users per request;
-- measured by `npm run bench` (docs/benchmarks.md).
--
-- Ban and delete also suspend the user's memberships, so lifting a ban does not silently restore
-- their access: an administrator reactivates memberships deliberately. A hard delete removes the
-- memberships by their foreign key's cascade (each removal is audited).

-- routine: supabase/routines/private/session_refusal.sql
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
-- end routine

-- routine: supabase/routines/private/check_request.sql
-- PostgREST's db-pre-request, also called by the local Storage gateway: refuses a revoked
-- session with HTTP 401 and a message in Chinese and English.
-- security invoker: it only asks session_refusal(); PostgREST calls it as the request's role.
create or replace function private.check_request() returns void
language plpgsql stable set search_path = '' as $$
declare
  refusal text := private.session_refusal();
begin
  if refusal is null then
    return;
  end if;
  raise exception using errcode = 'PT401', message = refusal,
    hint = case refusal
      when 'user_banned' then '该账号已被停用，请联系社区管理员 / This account has been suspended; contact your community administrator'
      when 'user_deleted' then '该账号已被删除 / This account has been deleted'
      else '登录已失效，请重新登录 / Your session has ended; please sign in again'
    end;
end;
$$;

comment on function private.check_request() is 'PostgREST db-pre-request: refuses (PT401 → HTTP 401) a token whose session was logged out or whose user is banned or deleted.';
-- end routine

revoke execute on function private.session_refusal(), private.check_request() from public;
grant execute on function private.session_refusal(), private.check_request() to anon, authenticated, service_role;

-- In-database configuration: PostgREST reads pgrst.* settings of its authenticator role at start
-- and on `reload config` (PGRST_DB_CONFIG, on by default), locally and on hosted Supabase.
alter role authenticator set pgrst.db_pre_request = 'private.check_request';
notify pgrst, 'reload config';

-- routine: supabase/routines/private/suspend_memberships_of_barred_user.sql
-- Ban (banned_until set in the future) and soft delete (deleted_at set) suspend every active
-- membership of the user. GoTrue writes both as UPDATEs of auth.users.
-- security definer: runs inside GoTrue's update (role supabase_auth_admin), which cannot write
-- public.memberships; the memberships' audit trigger records each suspension.
create or replace function private.suspend_memberships_of_barred_user() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.deleted_at is not null or (new.banned_until is not null and new.banned_until > now()) then
    update public.memberships set status = 'suspended' where user_id = new.id and status = 'active';
  end if;
  return null;
end;
$$;

revoke execute on function private.suspend_memberships_of_barred_user() from public, anon, authenticated;
-- end routine

create trigger on_auth_user_barred_suspend_memberships
after update of banned_until, deleted_at on auth.users
for each row
when (new.banned_until is distinct from old.banned_until or new.deleted_at is distinct from old.deleted_at)
execute function private.suspend_memberships_of_barred_user();
