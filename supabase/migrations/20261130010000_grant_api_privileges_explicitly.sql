-- Every table and view the API uses is granted explicitly, per role, exactly what it needs.
--
-- Why: since 2026-10-30 hosted Supabase no longer grants new `public` tables to anon,
-- authenticated or service_role (changelog 45329). Until now the migrations relied on the old
-- default privileges (ALL to every API role) and only revoked here and there, so after
-- `supabase db push` every Data API call would have answered 42501. The local bootstrap now has
-- no default privileges either, so a missing grant fails locally first.
--
-- The rules (DESIGN.md §6, least privilege):
-- * anon holds nothing: every feature needs a signed-in member.
-- * no API role holds TRUNCATE, REFERENCES or TRIGGER (TRUNCATE skips RLS; the others are DDL).
-- * authenticated holds an operation only where an RLS policy or an RPC running as the caller
--   (security invoker) needs it; writes that go through security-definer RPCs need no grant.
-- * service_role (the server-side admin key) may read everything and maintain configuration,
--   but never writes the append-only logs: history cannot be forged even with the secret key.
-- * sequences: only the owners of the tables (triggers, security-definer functions) use them.
-- tests/db/catalogue-privileges.test.ts asserts the result from the catalogue.

revoke all on all tables in schema public from anon, authenticated, service_role;
revoke all on all sequences in schema public from anon, authenticated, service_role;

-- Configuration the shell and the generic views read; changed only through RPCs.
grant select on public.org_units, public.app_settings, public.services, public.service_versions,
  public.service_role_grants to authenticated;
grant select, insert, update, delete on public.org_units, public.app_settings, public.services,
  public.service_role_grants to service_role;
-- A published version is frozen (a trigger refuses every change): readable only.
grant select on public.service_versions to service_role;

-- People: a user edits only their own display name (phone and e-mail follow auth.users).
grant select on public.profiles, public.members to authenticated;
grant update (display_name) on public.profiles to authenticated;
grant select, insert, update, delete on public.profiles to service_role;
grant select on public.members to service_role;

-- Membership administration (policies decide which rows; columns limit what a write may set).
grant select, delete on public.memberships, public.roles to authenticated;
grant insert (user_id, org_unit_id, role_key, status), update (status) on public.memberships to authenticated;
grant insert (key, name, name_en, description, owner_org_unit_id, sort_order),
  update (name, name_en, description, sort_order) on public.roles to authenticated;
grant select, insert, update, delete on public.memberships, public.roles to service_role;

grant select on public.invitations to authenticated;
grant insert (email, phone, org_unit_id, role_key), update (status) on public.invitations to authenticated;
grant select, insert, update, delete on public.invitations to service_role;

-- Records: created through the API, changed through RPCs that run as the caller.
grant select, insert, update, delete on public.records to authenticated, service_role;
grant select on public.record_attachments to authenticated, service_role;

-- Append-only: readable under RLS, written only by the database itself.
grant select on public.record_events, public.audit_log, public.sensitive_access_log to authenticated, service_role;

-- RPCs: every public function is revoked from PUBLIC and granted to the roles that call it.
-- (New functions are executable by PUBLIC unless revoked: the catalogue test lists which
-- public functions anon may call — none.)
revoke execute on all functions in schema public from public, anon;
grant execute on function
  public.my_context(),
  public.assign_record(uuid, integer, uuid),
  public.comment_record(uuid, text),
  public.delete_record(uuid, integer, text),
  public.transition_record(uuid, integer, text, text, jsonb, jsonb),
  public.update_record(uuid, integer, jsonb),
  public.unmask_record_field(uuid, text, text),
  public.create_service(jsonb, uuid),
  public.save_service_draft(uuid, jsonb, integer),
  public.publish_service(uuid, jsonb, integer),
  public.set_service_grant(uuid, text, text, boolean),
  public.remove_membership(uuid),
  public.set_membership_status(uuid, text),
  public.revoke_invitation(uuid),
  public.claim_my_invitations()
to authenticated, service_role;
