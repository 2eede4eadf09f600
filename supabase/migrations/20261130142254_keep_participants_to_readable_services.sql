-- Participants read only services their role may read somewhere (issue 9, item 5; found by
-- tests/db/access-grants.test.ts on the full db layer): my_readable_services added the services
-- of records the caller took part in, so revoking `read` on a service from a role left its
-- members reading every record of that service they had created or handled. A participant
-- keeps a record that left their scope, not one their role may no longer read at all.
-- Routines between "-- routine:" and "-- end routine" are copies written by
-- `npm run db:migration`; edit supabase/routines/, never the copy.

-- Hand-written DDL the routines rely on (tables, columns, types), or nothing.

-- routine: supabase/routines/private/my_readable_services.sql
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
-- end routine

-- Hand-written DDL that names the routines (triggers, policies, grants), or nothing.
