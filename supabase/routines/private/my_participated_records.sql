-- The records the caller took part in (record_participants), for the records policy's
-- participant arm, which hashes them once per query. plpgsql: its plan is cached for the
-- session, so a user who took part in nothing pays one indexed lookup, not a planning (a sql
-- function, or a subquery with record_participants' own policy inlined, is planned every time).
-- security definer: the policy runs it for every reader; it returns only the caller's own rows.
create or replace function private.my_participated_records() returns setof uuid
language plpgsql stable security definer set search_path = '' as $$
begin
  return query select p.record_id from public.record_participants p where p.user_id = (select auth.uid());
end;
$$;

revoke execute on function private.my_participated_records() from public, anon;
grant execute on function private.my_participated_records() to authenticated, service_role;
