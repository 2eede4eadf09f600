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
