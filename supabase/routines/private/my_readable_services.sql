-- The services whose records the caller may read, for the records policy's index condition:
-- those their roles may read at any of their units (what my_scope_services('read') returns).
-- Participation does not add services: a participant keeps reading a record that left their
-- scope, but only of a service their role may still read somewhere, so an administrator who
-- revokes `read` from a role ends its participants' sight too (tests/db/access-grants.test.ts).
-- plpgsql, not sql: its query plan is cached for the session (PostgREST's pooled connections),
-- where a sql function is planned again on every call (≈ 0.3 ms of the policy's fixed cost).
-- security definer: reads memberships and grants without their policies.
create or replace function private.my_readable_services() returns uuid[]
language plpgsql stable security definer set search_path = '' as $$
begin
  return (select coalesce(array_agg(distinct g.service_id), '{}')
            from public.memberships m
            join public.service_role_grants g on g.role_key = m.role_key and g.action = 'read'
           where m.user_id = (select auth.uid()) and m.status = 'active');
end;
$$;

revoke execute on function private.my_readable_services() from public, anon;
grant execute on function private.my_readable_services() to authenticated, service_role;
