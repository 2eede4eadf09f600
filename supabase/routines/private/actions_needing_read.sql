-- Actions that are meaningless without read on the same service, so a role must never hold one
-- without read (src/contract/roles.ts actionsNeedingRead says the same for the browser):
-- update and delete act on a record one has opened, export writes out the list one reads, and
-- view_sensitive unmasks an answer of a record one reads. create is not among them: filing a
-- record one will not see again is a real case (a volunteer hands in a resident's suggestion;
-- the resident_suggestion template grants volunteers create only).
create or replace function private.actions_needing_read() returns text[]
language sql immutable set search_path = '' as $$
  select array['update', 'delete', 'export', 'view_sensitive']
$$;
