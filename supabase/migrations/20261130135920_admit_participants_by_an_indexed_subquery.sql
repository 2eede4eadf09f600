-- The records policy's participant arm as a plain subquery on record_participants (issue 9,
-- item 5, after the second npm run bench): `id in (select … from private.my_participations())`
-- was a definer function call of ≈ 0.36 ms that list page 1 paid on every request (its hashed
-- subplan is built as soon as one row falls outside the scope), also for users who took part in
-- nothing. The (user_id, record_id) index answers the subquery directly; record_participants'
-- own policy (user_id = auth.uid()) agrees with it. No membership check is needed here: without
-- an active membership the policy's two arrays (my_readable_services / my_readable_units) are
-- empty, so nothing passes the index condition. private.my_participations has no other caller
-- and goes.

-- Hand-written DDL the routines rely on (tables, columns, types), or nothing.

-- Hand-written DDL that names the routines (triggers, policies, grants), or nothing.

drop policy "Users can read records within their scope and records they took part in" on public.records;
create policy "Users can read records within their scope and records they took part in"
on public.records for select to authenticated
using (
  deleted_at is null
  and service_id = any ((select private.my_readable_services())::uuid[])
  and org_unit_id = any ((select private.my_readable_units())::uuid[])
  and ((service_id, org_unit_id) in (select s.service_id, s.org_unit_id from private.my_record_scope('read') s)
       or id in (select p.record_id from public.record_participants p where p.user_id = (select auth.uid())))
);

drop function private.my_participations();
